package dev.s3csi.validator.alerts;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.s3csi.validator.chart.MetricNames;
import dev.s3csi.validator.reconciler.OperatorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's alerts under {@code promtool test rules}: series in, alerts out, for every alert
 * (src/test/resources/prometheus/alerts-test.yaml).
 */
class AlertRulesTest {
  static final String TESTS = "prometheus/alerts-test.yaml";
  static final String RUNBOOK_BASE = "https://docs.example/provisioning-validator/docs";
  static final Map<String, Object> VALUES =
      Map.of(
          "schedule.enabled",
          true,
          "schedule.intervalMinutes",
          10,
          "metrics.prometheusRule.runbookBaseUrl",
          RUNBOOK_BASE);
  static final Path RUNBOOK = Path.of("docs/runbook.md");
  static final Path PLAIN_RULES = Path.of("deploy/prometheus-rules.yaml");
  static final String PLAIN_RULES_HEADER =
      String.join(
          "\n",
          "# The chart's alert rules for a Prometheus without the Prometheus Operator (rule_files: in prometheus.yml).",
          "# The same rules as the chart's PrometheusRule (metrics.prometheusRule.enabled=true), rendered with its",
          "# defaults. They expect the operator's metrics under job=\"provisioning-validator\", the scrape job of",
          "# docs/metrics.md (\"Plain Prometheus\"); under another job name, replace it in ProvisioningValidatorDown.",
          "# Generated: edit the chart, then mvn -o -q test -Dtest=AlertRulesTest -Ddeploy.update=true",
          "");

  @Test
  void everyAlertPassesItsPromtoolUnitTests(@TempDir Path dir) throws Exception {
    Path promtool = PrometheusTools.require("promtool");
    RenderedRules.render(VALUES).write(dir.resolve("rules.yaml"));
    try (InputStream tests = getClass().getClassLoader().getResourceAsStream(TESTS)) {
      Files.copy(tests, dir.resolve("alerts-test.yaml"));
    }

    ProcessOutput check =
        ProcessOutput.run(dir, List.of(promtool.toString(), "check", "rules", "rules.yaml"));
    ProcessOutput test =
        ProcessOutput.run(dir, List.of(promtool.toString(), "test", "rules", "alerts-test.yaml"));

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 6 rules found");
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertIsTestedFiringAndQuiet() throws Exception {
    JsonNode tests;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(TESTS)) {
      tests = new YAMLMapper().readTree(in);
    }
    Set<String> fired = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    tests
        .path("tests")
        .forEach(
            t ->
                t.path("alert_rule_test")
                    .forEach(
                        a ->
                            (a.path("exp_alerts").isEmpty() ? quiet : fired)
                                .add(a.path("alertname").asText())));
    Set<String> alerts =
        new TreeSet<>(
            RenderedRules.render(VALUES).alerts().stream()
                .map(a -> a.path("alert").asText())
                .toList());

    assertThat(alerts)
        .containsExactlyInAnyOrder(
            "ProvisioningValidationFailed",
            "ProvisioningValidationStale",
            "ProvisioningValidationLeakedBuckets",
            "ProvisioningValidationCleanupFailing",
            "ProvisioningValidationSlow",
            "ProvisioningValidatorDown");
    assertThat(fired).isEqualTo(alerts);
    assertThat(quiet)
        .containsAll(alerts.stream().filter(a -> !a.equals("ProvisioningValidationSlow")).toList());
  }

  /**
   * Without a place where docs/ is published, no link that leads nowhere: the section's path
   * instead.
   */
  @Test
  void withoutARunbookBaseUrlEachAlertNamesItsRunbookSection() {
    for (JsonNode alert : RenderedRules.render(Map.of()).alerts()) {
      String name = alert.path("alert").asText();
      assertThat(alert.path("annotations").path("runbook").asText())
          .as(name)
          .isEqualTo(
              "docs/runbook.md#"
                  + name.toLowerCase(java.util.Locale.ROOT)
                  + " of provisioning-validator "
                  + OperatorSettings.VERSION);
      assertThat(alert.path("annotations").has("runbook_url")).as(name).isFalse();
    }
  }

  /**
   * deploy/prometheus-rules.yaml: the same rules for a Prometheus without the Prometheus Operator,
   * rendered from the chart with its defaults for release provisioning-validator, and valid for
   * promtool.
   */
  @Test
  void thePlainRulesFileIsTheChartsRulesAndPromtoolAcceptsIt() throws Exception {
    String rendered =
        PLAIN_RULES_HEADER
            + RenderedRules.render("provisioning-validator", "provisioning-validator", Map.of())
                .yaml();
    if (Boolean.getBoolean("deploy.update")) {
      Files.writeString(PLAIN_RULES, rendered);
    }
    assertThat(Files.readString(PLAIN_RULES))
        .as(
            "deploy/prometheus-rules.yaml drifted from the chart: run mvn -o -q test -Dtest=AlertRulesTest -Ddeploy.update=true")
        .isEqualTo(rendered);
    assertThat(
            RenderedRules.render("provisioning-validator", "provisioning-validator", Map.of())
                .alerts())
        .anySatisfy(
            alert ->
                assertThat(alert.path("expr").asText())
                    .contains("up{job=\"provisioning-validator\"}"));

    ProcessOutput check =
        ProcessOutput.run(
            PLAIN_RULES.toAbsolutePath().getParent(),
            List.of(
                PrometheusTools.require("promtool").toString(),
                "check",
                "rules",
                PLAIN_RULES.toAbsolutePath().toString()));
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 6 rules found");
  }

  @Test
  void everyAlertHasASummaryADescriptionAndARunbookSectionAndReadsOnlyDocumentedMetrics()
      throws Exception {
    String runbook = Files.readString(RUNBOOK);
    Set<String> anchors = new TreeSet<>();
    Matcher heading = Pattern.compile("(?m)^## (\\w+)$").matcher(runbook);
    while (heading.find()) {
      anchors.add(heading.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    for (JsonNode alert : RenderedRules.render(VALUES).alerts()) {
      String name = alert.path("alert").asText();
      JsonNode annotations = alert.path("annotations");
      assertThat(annotations.path("summary").asText()).as(name).isNotBlank();
      assertThat(annotations.path("description").asText()).as(name).hasSizeGreaterThan(40);
      assertThat(annotations.path("runbook_url").asText())
          .as(name)
          .isEqualTo(RUNBOOK_BASE + "/runbook.md#" + name.toLowerCase(java.util.Locale.ROOT));
      assertThat(anchors)
          .as("docs/runbook.md has a section ## %s", name)
          .contains(name.toLowerCase(java.util.Locale.ROOT));
      assertThat(alert.path("labels").path("severity").asText())
          .as(name)
          .isIn("critical", "warning");
      assertThat(MetricNames.in(alert.path("expr").asText()))
          .as(name)
          .allSatisfy(
              metric ->
                  assertThat(MetricNames.documented())
                      .as("%s in docs/metrics.md", metric)
                      .contains(metric));
    }
  }
}
