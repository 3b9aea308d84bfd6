package dev.s3csi.validator.chart;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.chart.ApiCalls.Scope;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;

import static dev.s3csi.validator.chart.RenderedChart.FULLNAME;
import static dev.s3csi.validator.chart.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chart's RBAC grants, as {@code helm template} renders it, is exactly what the code asks
 * ({@link ApiCalls}): every call granted, and no grant without a call, in each way the chart can be
 * installed.
 */
class PermissionsTest {

  /** A role's rules as resource → verbs; resourceNames only where the table says so (Lease). */
  static Map<String, Set<String>> grants(List<PolicyRule> rules) {
    Map<String, Set<String>> grants = new TreeMap<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          assertThat(group + resource + rule.getVerbs()).doesNotContain("*");
          grants
              .computeIfAbsent(group + "/" + resource, k -> new TreeSet<>())
              .addAll(rule.getVerbs());
        }
      }
    }
    return grants;
  }

  static Map<String, Set<String>> union(Map<String, Set<String>> a, Map<String, Set<String>> b) {
    Map<String, Set<String>> all = new TreeMap<>(a);
    b.forEach(
        (resource, verbs) -> all.computeIfAbsent(resource, k -> new TreeSet<>()).addAll(verbs));
    return all;
  }

  static final Map<String, Set<String>> NAMESPACED =
      ApiCalls.grants(ApiCalls.OPERATOR, Scope.NAMESPACED);
  static final Map<String, Set<String>> CLUSTER = ApiCalls.grants(ApiCalls.OPERATOR, Scope.CLUSTER);

  @Test
  void watchingAllNamespacesTheClusterRoleGrantsExactlyWhatTheOperatorAsks() {
    RenderedChart chart = RenderedChart.render(Map.of());

    assertThat(grants(chart.get(ClusterRole.class, "ClusterRole", FULLNAME).getRules()))
        .isEqualTo(union(NAMESPACED, CLUSTER));
    assertThat(chart.all(Role.class, "Role")).as("no Role besides").isEmpty();
  }

  @Test
  void watchingSomeNamespacesEachGetsTheNamespacedCallsAndSecretNamespacesOnlySecrets() {
    RenderedChart chart =
        RenderedChart.render(
            values(
                "watchNamespaces[0]", "team-a",
                "watchNamespaces[1]", "team-b",
                "secretNamespaces[0]", "kube-system",
                "secretNamespaces[1]", "team-a"));

    assertThat(grants(chart.get(ClusterRole.class, "ClusterRole", FULLNAME).getRules()))
        .isEqualTo(CLUSTER);
    Map<String, Map<String, Set<String>>> byNamespace = new TreeMap<>();
    chart
        .all(Role.class, "Role")
        .forEach(
            role ->
                byNamespace.merge(
                    role.getMetadata().getNamespace(),
                    grants(role.getRules()),
                    PermissionsTest::union));
    assertThat(byNamespace)
        .isEqualTo(
            Map.of(
                "team-a",
                NAMESPACED,
                "team-b",
                NAMESPACED,
                "kube-system",
                Map.of("/secrets", Set.of("get")),
                "default",
                ApiCalls.grants(ApiCalls.OPERATOR, Scope.CLUSTER_EVENTS)));
  }

  @Test
  void watchingNamespaceDefaultNeedsNoRoleForPvEventsBesides() {
    RenderedChart chart = RenderedChart.render(values("watchNamespaces[0]", "default"));

    assertThat(chart.all(Role.class, "Role"))
        .singleElement()
        .satisfies(role -> assertThat(grants(role.getRules())).isEqualTo(NAMESPACED));
  }

  @Test
  void moreThanOneReplicaGrantsTheLeaseCallsOnTheLeaseByName() {
    RenderedChart chart = RenderedChart.render(values("replicas", 2));
    Role lease = chart.get(Role.class, "Role", FULLNAME + "-leader-election");

    assertThat(grants(lease.getRules())).isEqualTo(ApiCalls.grants(ApiCalls.OPERATOR, Scope.LEASE));
    assertThat(lease.getRules())
        .allSatisfy(
            rule ->
                assertThat(rule.getResourceNames())
                    .as("only create cannot name its object")
                    .isEqualTo(
                        rule.getVerbs().equals(List.of("create"))
                            ? List.of()
                            : List.of(FULLNAME + "-leader")));
    assertThat(grants(chart.get(ClusterRole.class, "ClusterRole", FULLNAME).getRules()))
        .isEqualTo(union(NAMESPACED, CLUSTER));
  }

  @Test
  void triggerGetsExactlyWhatTriggerAsks() {
    RenderedChart chart =
        RenderedChart.render(
            values(
                "schedule.enabled",
                true,
                "schedule.validation.spec.s3.endpoint",
                "https://s3.example:8000"));

    List<Role> roles = chart.all(Role.class, "Role");
    assertThat(roles).hasSize(1);
    assertThat(grants(roles.get(0).getRules()))
        .isEqualTo(ApiCalls.grants(ApiCalls.TRIGGER, Scope.TRIGGER));
  }
}
