package dev.s3csi.validator.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.s3csi.validator.chart.MetricNames;
import dev.s3csi.validator.harness.DemoHarness;
import dev.s3csi.validator.metrics.Exposition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's --metrics-out: the operator's exposition after the run, every metric of it documented.
 */
class DemoMetricsTest {

  @Test
  void writesTheExpositionOfTheFinishedRun(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("metrics.txt");

    DemoHarness.Result result = DemoHarness.run(List.of("--metrics-out", file.toString()));

    assertThat(result.exitCode()).isZero();
    Exposition metrics = new Exposition(Files.readString(file));
    assertThat(metrics.value("pval_runs_total", "result", "Succeeded")).hasValue(1);
    assertThat(metrics.value("pval_runs_total", "result", "Failed")).hasValue(0);
    assertThat(
            metrics.value(
                "pval_scenario_outcomes_total",
                "scenario",
                "dedicatedBucket",
                "outcome",
                "Passed",
                "reason",
                "none"))
        .hasValue(1);
    assertThat(metrics.value("pval_last_run_success", "schedule", "manual")).hasValue(1);
    assertThat(metrics.value("pval_last_success_timestamp_seconds", "schedule", "manual"))
        .isPresent();
    assertThat(
            metrics.value(
                "pval_step_duration_seconds_count", "scenario", "dedicatedBucket", "step", "bind"))
        .hasValue(1);
    assertThat(metrics.value("pval_active_runs")).hasValue(0);
    assertThat(metrics.names().stream().filter(n -> n.startsWith("pval_")).map(MetricNames::family))
        .as("every pval_ metric is documented in docs/metrics.md")
        .allSatisfy(n -> assertThat(MetricNames.documented()).contains(n));
    assertThat(MetricNames.documented().stream().filter(n -> n.startsWith("pval_")))
        .as("every documented pval_ metric is exposed")
        .allSatisfy(
            n ->
                assertThat(metrics.names().stream().map(MetricNames::family))
                    .contains(n)
                    .withFailMessage(n + " is documented but not exposed"));
  }

  @Test
  void anUnwritableMetricsFileIsBadInput(@TempDir Path dir) {
    DemoHarness.Result result =
        DemoHarness.run(
            List.of("--metrics-out", dir.resolve("no/such/dir/metrics.txt").toString()));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("cannot write the metrics to");
  }
}
