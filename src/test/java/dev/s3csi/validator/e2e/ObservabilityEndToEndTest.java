package dev.s3csi.validator.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.harness.RunWatcher;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.harness.SandboxRuns;
import dev.s3csi.validator.kube.ScheduleLabel;
import dev.s3csi.validator.metrics.Exposition;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.sandbox.SandboxOptions;

import io.fabric8.kubernetes.api.model.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator's user sees of runs besides their status: Events on the run and the metrics. */
class ObservabilityEndToEndTest {

  static ProvisioningValidation scheduled(ProvisioningValidation run, String schedule) {
    run.getMetadata().setLabels(Map.of(ScheduleLabel.KEY, schedule));
    return run;
  }

  static ProvisioningValidation runToEnd(Sandbox sandbox, ProvisioningValidation run) {
    sandbox.client().resource(run).create();
    ProvisioningValidation finished =
        new RunWatcher(sandbox.client()).awaitFinished(run, Duration.ofSeconds(30));
    assertThat(RunWatcher.isFinished(finished)).as("finished: %s", finished.getStatus()).isTrue();
    return finished;
  }

  static List<Event> eventsOf(Sandbox sandbox, ProvisioningValidation run) {
    return sandbox
        .client()
        .v1()
        .events()
        .inNamespace(run.getMetadata().getNamespace())
        .list()
        .getItems()
        .stream()
        .filter(
            e ->
                "ProvisioningValidation".equals(e.getInvolvedObject().getKind())
                    && run.getMetadata().getName().equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void aFailedAndAPassedRunShowAsEventsOnTheRunAndInTheMetricsAndTheGaugesSurviveARestart() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      ProvisioningValidation passed;
      try (ValidatorOperator operator = sandbox.startOperator()) {
        ProvisioningValidation broken = SandboxRuns.unserved(sandbox, "broken");
        sandbox.client().resource(broken).create();
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(
                            new Exposition(operator.registry().scrape()).value("pval_active_runs"))
                        .hasValue(1));
        ProvisioningValidation failed =
            new RunWatcher(sandbox.client()).awaitFinished(broken, Duration.ofSeconds(30));
        assertThat(failed.getStatus().getPhase()).isEqualTo(Phase.Failed);

        // Events follow the status write that they report.
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(eventsOf(sandbox, failed))
                        .extracting(Event::getReason)
                        .containsExactlyInAnyOrder(
                            "ScenarioStarted", "ScenarioFailed", "RunFailed"));
        assertThat(eventsOf(sandbox, failed))
            .filteredOn(e -> "ScenarioFailed".equals(e.getReason()))
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.getType()).isEqualTo("Warning");
                  assertThat(e.getMessage())
                      .startsWith("dedicatedBucket failed with ProvisioningTimeout: bind: ");
                });

        passed = runToEnd(sandbox, scheduled(SandboxRuns.passing(sandbox, "healthy"), "nightly"));
        assertThat(passed.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
        ProvisioningValidation succeeded = passed;
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(eventsOf(sandbox, succeeded))
                        .extracting(Event::getReason)
                        .containsExactlyInAnyOrder(
                            "ScenarioStarted", "ScenarioPassed", "RunSucceeded"));

        Exposition metrics = new Exposition(operator.registry().scrape());
        assertThat(metrics.value("pval_runs_total", "result", "Failed")).hasValue(1);
        assertThat(metrics.value("pval_runs_total", "result", "Succeeded")).hasValue(1);
        assertThat(
                metrics.value(
                    "pval_scenario_outcomes_total",
                    "scenario",
                    "dedicatedBucket",
                    "outcome",
                    "Failed",
                    "reason",
                    "ProvisioningTimeout"))
            .hasValue(1);
        assertThat(
                metrics.value(
                    "pval_scenario_outcomes_total",
                    "scenario",
                    "dedicatedBucket",
                    "outcome",
                    "Passed"))
            .hasValue(1);
        assertThat(metrics.value("pval_last_run_success", "schedule", ScheduleLabel.MANUAL))
            .hasValue(0);
        assertThat(metrics.value("pval_last_run_success", "schedule", "nightly")).hasValue(1);
        assertThat(
                metrics.value(
                    "pval_last_success_timestamp_seconds", "schedule", ScheduleLabel.MANUAL))
            .isEmpty();
        assertThat(
                metrics.value(
                    "pval_step_duration_seconds_count",
                    "scenario",
                    "dedicatedBucket",
                    "step",
                    "bind"))
            .as("only the passed run's bind is timed")
            .hasValue(1);
        assertThat(metrics.value("pval_step_duration_seconds_count", "step", "verifyObjects"))
            .hasValue(1);
        assertThat(metrics.value("pval_cleanup_failures_total")).hasValue(0);
        assertThat(metrics.value("pval_active_runs")).hasValue(0);
        assertThat(metrics.names())
            .as("JOSDK's own meters share the registry")
            .anyMatch(n -> n.startsWith("operator_sdk_"));
        assertThat(metrics.labelValues("operator_sdk_reconciliations_started_total", "name"))
            .doesNotContain("broken", "healthy");
      }

      try (ValidatorOperator restarted = sandbox.startOperator()) {
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  Exposition metrics = new Exposition(restarted.registry().scrape());
                  assertThat(metrics.value("pval_last_run_success", "schedule", "nightly"))
                      .hasValue(1);
                  assertThat(
                          metrics.value("pval_last_run_success", "schedule", ScheduleLabel.MANUAL))
                      .hasValue(0);
                });
        Exposition metrics = new Exposition(restarted.registry().scrape());
        assertThat(metrics.value("pval_last_success_timestamp_seconds", "schedule", "nightly"))
            .hasValue(
                Instant.parse(passed.getStatus().getCompletionTime()).toEpochMilli() / 1000.0);
        assertThat(metrics.value("pval_runs_total", "result", "Succeeded"))
            .as("finished runs are not counted again")
            .hasValue(0);
        assertThat(eventsOf(sandbox, passed)).as("no event repeated").hasSize(3);
      }
    }
  }
}
