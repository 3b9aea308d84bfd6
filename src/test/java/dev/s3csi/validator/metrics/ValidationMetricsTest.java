package dev.s3csi.validator.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.kube.ScheduleLabel;
import dev.s3csi.validator.observe.Transition;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationMetricsTest {
  private static final ScenarioName DEDICATED = ScenarioName.DEDICATED_BUCKET;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ValidationMetrics metrics = new ValidationMetrics(registry);

  static ProvisioningValidation run(String schedule, Phase phase, String completion) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("nightly-x7k2p");
    run.getMetadata().setNamespace("checks");
    if (schedule != null) {
      run.getMetadata().setLabels(Map.of(ScheduleLabel.KEY, schedule));
    }
    ValidationStatus status = new ValidationStatus();
    status.setPhase(phase);
    status.setCompletionTime(completion);
    run.setStatus(status);
    return run;
  }

  private Exposition scrape() {
    return new Exposition(registry.scrape());
  }

  private void finish(ProvisioningValidation run, Transition... transitions) {
    metrics.persisted(run, run.getStatus(), List.of(transitions));
  }

  @Test
  void everyCounterSeriesExistsAtZeroBeforeTheFirstRun() {
    Exposition e = scrape();

    assertThat(e.value("pval_runs_total", "result", "Succeeded")).hasValue(0);
    assertThat(e.value("pval_runs_total", "result", "Failed")).hasValue(0);
    assertThat(e.value("pval_cleanup_failures_total")).hasValue(0);
    assertThat(e.value("pval_leaked_buckets")).hasValue(0);
    assertThat(e.value("pval_active_runs")).hasValue(0);
    assertThat(e.labelValues("pval_scenario_outcomes_total", "reason"))
        .contains("none", "ObjectMissing", "InvalidSpec");
    assertThat(
            e.value(
                "pval_scenario_outcomes_total",
                "scenario",
                "dedicatedBucket",
                "outcome",
                "Failed",
                "reason",
                "ObjectMissing"))
        .hasValue(0);
    assertThat(e.names())
        .doesNotContain("pval_last_run_success", "pval_last_success_timestamp_seconds");
  }

  @Test
  void transitionsBecomeCountsDurationsAndThePerScheduleGauges() {
    ProvisioningValidation failed = run("nightly", Phase.Failed, "2026-11-27T10:00:00Z");
    finish(
        failed,
        new Transition.ScenarioStarted(DEDICATED),
        new Transition.StepFinished(DEDICATED, "bind", false, Outcome.Passed, 1_500, "bound"),
        new Transition.StepFinished(
            DEDICATED, "verifyObjects", false, Outcome.Failed, 4_000, "missing"),
        new Transition.StepFinished(DEDICATED, "bucketCleanup", true, Outcome.Failed, 10, "403"),
        new Transition.ScenarioFinished(
            DEDICATED, Outcome.Failed, Reason.ObjectMissing, "verifyObjects: missing"),
        new Transition.RunFinished(Phase.Failed, "0/1 passed", "dedicatedBucket: ObjectMissing"));

    Exposition e = scrape();
    assertThat(e.value("pval_runs_total", "result", "Failed")).hasValue(1);
    assertThat(
            e.value(
                "pval_scenario_outcomes_total",
                "scenario",
                "dedicatedBucket",
                "outcome",
                "Failed",
                "reason",
                "ObjectMissing"))
        .hasValue(1);
    assertThat(e.value("pval_cleanup_failures_total")).hasValue(1);
    assertThat(
            e.value(
                "pval_step_duration_seconds_count", "scenario", "dedicatedBucket", "step", "bind"))
        .hasValue(1);
    assertThat(e.value("pval_step_duration_seconds_bucket", "step", "bind", "le", "1.0"))
        .hasValue(0);
    assertThat(e.value("pval_step_duration_seconds_bucket", "step", "bind", "le", "2.5"))
        .hasValue(1);
    assertThat(e.value("pval_step_duration_seconds_count", "step", "verifyObjects"))
        .as("failed steps are not timed")
        .isEmpty();
    assertThat(e.value("pval_last_run_success", "schedule", "nightly")).hasValue(0);
    assertThat(e.value("pval_last_success_timestamp_seconds", "schedule", "nightly"))
        .as("no success yet")
        .isEmpty();

    finish(
        run("nightly", Phase.Succeeded, "2026-11-27T10:30:00Z"),
        new Transition.ScenarioFinished(DEDICATED, Outcome.Passed, null, "all passed"),
        new Transition.RunFinished(Phase.Succeeded, "1/1 passed", "1/1 passed"));

    e = scrape();
    assertThat(e.value("pval_runs_total", "result", "Succeeded")).hasValue(1);
    assertThat(
            e.value(
                "pval_scenario_outcomes_total",
                "scenario",
                "dedicatedBucket",
                "outcome",
                "Passed",
                "reason",
                "none"))
        .hasValue(1);
    assertThat(e.value("pval_last_run_success", "schedule", "nightly")).hasValue(1);
    assertThat(e.value("pval_last_success_timestamp_seconds", "schedule", "nightly"))
        .hasValue(Instant.parse("2026-11-27T10:30:00Z").getEpochSecond());
  }

  @Test
  void notesAreCountedByScenarioAndReason() {
    assertThat(
            scrape()
                .value(
                    "pval_scenario_notes_total",
                    "scenario",
                    "invalidParameters",
                    "reason",
                    "InvalidParameterIgnored"))
        .as("every scenario × note reason series exists from the start")
        .hasValue(0);
    ProvisioningValidation run = run(null, Phase.Running, null);
    finish(
        run,
        new Transition.NoteAdded(
            ScenarioName.INVALID_PARAMETERS, Reason.InvalidParameterIgnored, "case a"),
        new Transition.NoteAdded(
            ScenarioName.INVALID_PARAMETERS, Reason.InvalidParameterIgnored, "case b"));

    assertThat(
            scrape()
                .value(
                    "pval_scenario_notes_total",
                    "scenario",
                    "invalidParameters",
                    "reason",
                    "InvalidParameterIgnored"))
        .hasValue(2);
  }

  @Test
  void leakedBucketsFollowTheLatestFinishedRunOfAnySchedule() {
    ProvisioningValidation leaky = run("nightly", Phase.Failed, "2026-11-27T10:00:00Z");
    leaky.getStatus().setLeakedBuckets(List.of("csi-s3-0a1b", "csi-s3-2c3d"));
    ProvisioningValidation older = run("weekly", Phase.Succeeded, "2026-11-27T09:00:00Z");
    ProvisioningValidation clean = run("hourly", Phase.Succeeded, "2026-11-27T11:00:00Z");

    finish(
        leaky,
        new Transition.RunFinished(Phase.Failed, "5/6 passed", "concurrentVolumes: OrphanBuckets"));
    finish(older, new Transition.RunFinished(Phase.Succeeded, "6/6 passed", ""));
    assertThat(scrape().value("pval_leaked_buckets"))
        .as("an older run does not hide them")
        .hasValue(2);

    finish(clean, new Transition.RunFinished(Phase.Succeeded, "6/6 passed", ""));
    assertThat(scrape().value("pval_leaked_buckets"))
        .as("a later run that finds none clears them")
        .hasValue(0);
  }

  @Test
  void schedulesAreSeparateAndRunsWithoutTheLabelAreManual() {
    finish(
        run("nightly", Phase.Succeeded, "2026-11-27T10:00:00Z"),
        new Transition.RunFinished(Phase.Succeeded, "1/1 passed", ""));
    finish(
        run(null, Phase.Failed, "2026-11-27T11:00:00Z"),
        new Transition.RunFinished(Phase.Failed, "0/1 passed", ""));

    Exposition e = scrape();
    assertThat(e.value("pval_last_run_success", "schedule", "nightly")).hasValue(1);
    assertThat(e.value("pval_last_run_success", "schedule", ScheduleLabel.MANUAL)).hasValue(0);
  }

  @Test
  void finishedRunsSeenAtStartRebuildTheGaugesWithoutCountingAgainAndOlderRunsDoNotWin() {
    metrics.finishedRunSeen(run("nightly", Phase.Succeeded, "2026-11-27T10:30:00Z"));
    metrics.finishedRunSeen(run("nightly", Phase.Failed, "2026-11-27T10:00:00Z"));
    metrics.finishedRunSeen(run("nightly", Phase.Running, null));

    Exposition e = scrape();
    assertThat(e.value("pval_last_run_success", "schedule", "nightly"))
        .as("the 10:30 run is the latest")
        .hasValue(1);
    assertThat(e.value("pval_last_success_timestamp_seconds", "schedule", "nightly"))
        .hasValue(Instant.parse("2026-11-27T10:30:00Z").getEpochSecond());
    assertThat(e.value("pval_runs_total", "result", "Succeeded"))
        .as("history is not news")
        .hasValue(0);
    assertThat(e.value("pval_runs_total", "result", "Failed")).hasValue(0);
  }
}
