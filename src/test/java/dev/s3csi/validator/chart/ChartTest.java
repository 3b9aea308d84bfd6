package dev.s3csi.validator.chart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;

import static dev.s3csi.validator.chart.RenderedChart.FULLNAME;
import static dev.s3csi.validator.chart.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart as Helm renders it: lint, every toggle combination, and what each object must hold. */
class ChartTest {
  private static final String IMAGE = "provisioning-validator:0.1.0";

  @Test
  void lintsCleanInStrictModeWithEveryOptionOn() {
    LintResult defaults = new Helm(RenderedChart.CHART).lint().strict().call();
    assertThat(defaults.isFailed()).as("%s", defaults.getMessages()).isFalse();
    assertThat(defaults.getMessages())
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  static Stream<Arguments> toggles() {
    List<Arguments> combinations = new ArrayList<>();
    for (int bits = 0; bits < 32; bits++) {
      combinations.add(
          Arguments.of(
              (bits & 1) != 0,
              (bits & 2) != 0,
              (bits & 4) != 0,
              (bits & 8) != 0,
              (bits & 16) != 0 ? 2 : 1));
    }
    return combinations.stream();
  }

  @ParameterizedTest(
      name = "serviceMonitor={0} prometheusRule={1} schedule={2} dashboard={3} replicas={4}")
  @MethodSource("toggles")
  void everyToggleCombinationRendersExactlyItsObjectsAndNoWildcard(
      boolean serviceMonitor,
      boolean prometheusRule,
      boolean schedule,
      boolean dashboard,
      int replicas) {
    RenderedChart chart =
        RenderedChart.render(
            values(
                "metrics.serviceMonitor.enabled",
                serviceMonitor,
                "metrics.prometheusRule.enabled",
                prometheusRule,
                "schedule.enabled",
                schedule,
                "schedule.validation.spec.s3.endpoint",
                "https://s3.example:8000",
                "dashboard.enabled",
                dashboard,
                "replicas",
                replicas));

    List<String> expected =
        new ArrayList<>(
            List.of(
                "ServiceAccount/" + FULLNAME,
                "ClusterRole/" + FULLNAME,
                "ClusterRoleBinding/" + FULLNAME,
                "Service/" + FULLNAME,
                "Deployment/" + FULLNAME));
    if (replicas > 1) {
      expected.addAll(
          List.of(
              "Role/" + FULLNAME + "-leader-election",
              "RoleBinding/" + FULLNAME + "-leader-election"));
    }
    if (serviceMonitor) {
      expected.add("ServiceMonitor/" + FULLNAME);
    }
    if (prometheusRule) {
      expected.add("PrometheusRule/" + FULLNAME);
    }
    if (schedule) {
      String cron = FULLNAME + "-scheduled";
      expected.addAll(
          List.of(
              "ConfigMap/" + cron + "-template",
              "ServiceAccount/" + cron + "-trigger",
              "Role/" + cron + "-trigger",
              "RoleBinding/" + cron + "-trigger",
              "CronJob/" + cron));
    }
    if (dashboard) {
      expected.add("ConfigMap/" + FULLNAME + "-dashboard");
    }
    assertThat(chart.names()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(chart.objects())
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE));
    for (GenericKubernetesResource role :
        chart.objects().stream().filter(o -> o.getKind().endsWith("Role")).toList()) {
      List<PolicyRule> rules =
          Serialization.unmarshal(Serialization.asYaml(role), ClusterRole.class).getRules();
      assertThat(rules)
          .as("%s", role.getMetadata().getName())
          .allSatisfy(
              rule -> {
                assertThat(rule.getVerbs()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*");
                assertThat(rule.getApiGroups()).doesNotContain("*");
              });
    }
  }

  @Test
  void theOperatorRunsRestrictedWithProbesResourcesAndItsOwnImageAsProbeImage() {
    RenderedChart chart = RenderedChart.render(Map.of());
    Deployment deployment = chart.get(Deployment.class, "Deployment", FULLNAME);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container operator = pod.getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType())
        .as("one operator at a time without leader election")
        .isEqualTo("Recreate");
    assertThat(pod.getServiceAccountName()).isEqualTo(FULLNAME);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(operator.getImage()).isEqualTo(IMAGE);
    assertThat(operator.getArgs()).containsExactly("operator");
    assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(operator.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(operator.getResources().getLimits()).containsKey("memory");
    assertThat(operator.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
    assertThat(operator.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .containsExactly("/tmp");
    assertThat(env(operator))
        .containsEntry("PROBE_IMAGE", IMAGE)
        .containsEntry("HTTP_PORT", "8080")
        .containsEntry("WATCH_NAMESPACES", "")
        .doesNotContainKey("LEADER_ELECTION_LEASE_NAME");
    assertThat(operator.getEnv())
        .filteredOn(e -> e.getName().startsWith("POD_"))
        .extracting(e -> e.getValueFrom().getFieldRef().getFieldPath())
        .containsExactly("metadata.name", "metadata.namespace");
  }

  @Test
  void moreThanOneReplicaElectsALeaderWithALeaseInTheReleasesNamespace() {
    RenderedChart chart = RenderedChart.render(values("replicas", 3));
    Deployment deployment = chart.get(Deployment.class, "Deployment", FULLNAME);
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Role lease = chart.get(Role.class, "Role", FULLNAME + "-leader-election");

    assertThat(deployment.getSpec().getStrategy())
        .as("the Lease keeps replicas from acting together; rolling updates are safe")
        .isNull();
    assertThat(env(operator)).containsEntry("LEADER_ELECTION_LEASE_NAME", FULLNAME + "-leader");
    // What the Lease Role grants: PermissionsTest.
    assertThat(lease.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
  }

  @Test
  void
      watchedNamespacesGetNamespacedPermissionsThroughRolesAndTheClusterRoleKeepsOnlyClusterScopedOnes() {
    RenderedChart chart =
        RenderedChart.render(
            values("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));

    // What the roles grant: PermissionsTest. default: the events about PVs.
    assertThat(chart.all(Role.class, "Role"))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b", "default");
    assertThat(chart.names()).filteredOn(n -> n.startsWith("RoleBinding/")).hasSize(3);
    Container operator =
        chart
            .get(Deployment.class, "Deployment", FULLNAME)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(env(operator)).containsEntry("WATCH_NAMESPACES", "team-a,team-b");
  }

  @Test
  void theScheduleRunsTriggerOneAtATimeWithATemplateThatIsAValidRun() {
    RenderedChart chart =
        RenderedChart.render(
            values(
                "schedule.enabled",
                true,
                "schedule.name",
                "nightly",
                "schedule.intervalMinutes",
                120,
                "schedule.keepSucceeded",
                5,
                "schedule.namespace",
                "checks",
                "schedule.validation.spec.s3.endpoint",
                "https://s3.example:8000",
                "schedule.validation.spec.storageClass.parameters.csi\\.storage\\.k8s\\.io/provisioner-secret-name",
                "s3-driver"));
    String name = FULLNAME + "-nightly";
    CronJob cron = chart.get(CronJob.class, "CronJob", name);
    PodSpec pod = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    Container trigger = pod.getContainers().get(0);

    assertThat(cron.getMetadata().getNamespace()).isEqualTo("checks");
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cron.getSpec().getSchedule()).isEqualTo("0 */2 * * *");
    assertThat(trigger.getArgs())
        .containsExactly(
            "trigger",
            "--schedule",
            "nightly",
            "--template",
            "/etc/provisioning-validator/validation.yaml",
            "--namespace",
            "checks",
            "--keep-succeeded",
            "5",
            "--keep-failed",
            "1");
    assertThat(trigger.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(trigger.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getServiceAccountName()).isEqualTo(name + "-trigger");
    assertThat(PermissionsTest.grants(chart.get(Role.class, "Role", name + "-trigger").getRules()))
        .isEqualTo(ApiCalls.grants(ApiCalls.TRIGGER, ApiCalls.Scope.TRIGGER));

    String template =
        chart
            .get(ConfigMap.class, "ConfigMap", name + "-template")
            .getData()
            .get("validation.yaml");
    ProvisioningValidation run = Serialization.unmarshal(template, ProvisioningValidation.class);
    assertThat(run.getMetadata().getName()).isEqualTo("nightly");
    assertThat(run.getSpec().getS3().getEndpoint()).isEqualTo("https://s3.example:8000");
    assertThat(run.getSpec().getStorageClass().getParameters())
        .containsEntry("csi.storage.k8s.io/provisioner-secret-name", "s3-driver");
    assertThat(CrdSchema.load().validate(template)).isEmpty();
  }

  @Test
  void theCronFollowsTheIntervalUnlessGivenAndAnIntervalWithoutACronIsRefused() {
    assertThat(cron(values("schedule.intervalMinutes", 15))).isEqualTo("*/15 * * * *");
    assertThat(cron(values("schedule.intervalMinutes", 1440))).isEqualTo("0 */24 * * *");
    assertThat(cron(values("schedule.intervalMinutes", 90, "schedule.cron", "0 1,4,7 * * *")))
        .isEqualTo("0 1,4,7 * * *");
    assertThatThrownBy(() -> cron(values("schedule.intervalMinutes", 7)))
        .hasMessageContaining(
            "schedule.intervalMinutes=7 is not a divisor of an hour or a day: set schedule.cron");
  }

  @Test
  void aScheduleOutsideTheWatchedNamespacesIsRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    values(
                        "schedule.enabled",
                        true,
                        "schedule.namespace",
                        "checks",
                        "watchNamespaces[0]",
                        "team-a")))
        .hasMessageContaining("schedule.namespace checks is not among watchNamespaces");
    assertThat(
            RenderedChart.render(
                    values(
                        "schedule.enabled",
                        true,
                        "schedule.namespace",
                        "team-a",
                        "watchNamespaces[0]",
                        "team-a"))
                .names())
        .contains("CronJob/" + FULLNAME + "-scheduled");
  }

  private static String cron(Map<String, Object> values) {
    Map<String, Object> all = new java.util.HashMap<>(values);
    all.put("schedule.enabled", true);
    return RenderedChart.render(all)
        .get(CronJob.class, "CronJob", FULLNAME + "-scheduled")
        .getSpec()
        .getSchedule();
  }

  @Test
  void theSchemaRefusesValuesThatCannotWork() {
    Map<Map<String, Object>, String> cases =
        Map.of(
            values("replicas", 0), "/replicas",
            values("image.pullPolicy", "Sometimes"), "/image/pullPolicy",
            values("schedule.name", "Nightly Run"), "/schedule/name",
            values("metrics.prometheusRule.failed.severity", "page-everyone"),
                "/metrics/prometheusRule/failed/severity",
            values("metrics.prometheusRule.slowProvisioning.quantile", 2),
                "/metrics/prometheusRule/slowProvisioning/quantile",
            values("watchNamespaces[0]", "Team_A"), "/watchNamespaces/0",
            values("replicaCount", 2), "replicaCount");
    cases.forEach(
        (values, path) ->
            assertThatThrownBy(() -> RenderedChart.render(values))
                .as("%s", values)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(path));
  }

  @Test
  void theDashboardIsValidJsonOverTheOperatorsMetrics() throws Exception {
    RenderedChart chart = RenderedChart.render(values("dashboard.enabled", true));
    ConfigMap dashboard = chart.get(ConfigMap.class, "ConfigMap", FULLNAME + "-dashboard");

    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dashboard.getData().get("provisioning-validator.json"));
    assertThat(json.get("panels")).hasSizeGreaterThanOrEqualTo(8);
    assertThat(json.findValuesAsText("expr"))
        .allSatisfy(
            expr ->
                assertThat(MetricNames.in(expr))
                    .isNotEmpty()
                    .allSatisfy(
                        metric ->
                            assertThat(MetricNames.documented())
                                .as("%s in docs/metrics.md", metric)
                                .contains(metric)));
  }

  @Test
  void theChartShipsTheCommittedCrdUnchanged() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      for (Path crd : files.toList()) {
        assertThat(RenderedChart.CHART.resolve("crds").resolve(crd.getFileName()))
            .hasSameTextualContentAs(crd);
      }
    }
    try (Stream<Path> files = Files.list(RenderedChart.CHART.resolve("crds"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrderElementsOf(
              Files.list(Path.of("crds")).map(p -> p.getFileName().toString()).toList());
    }
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new TreeMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      }
    }
    return env;
  }
}
