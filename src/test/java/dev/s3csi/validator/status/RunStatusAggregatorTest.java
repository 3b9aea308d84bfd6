package dev.s3csi.validator.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;

import io.fabric8.kubernetes.api.model.Condition;

import static org.assertj.core.api.Assertions.assertThat;

class RunStatusAggregatorTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  final RunStatusAggregator aggregator =
      new RunStatusAggregator(new Conditions(Clock.fixed(NOW, ZoneOffset.UTC)));

  /** A scenario with the given outcome and step outcomes. */
  static ScenarioStatus scenario(Outcome outcome, Reason reason, Outcome... steps) {
    List<StepStatus> records = new ArrayList<>();
    for (Outcome step : steps) {
      StepStatus record = new StepStatus("step" + records.size());
      record.setOutcome(step);
      records.add(record);
    }
    ScenarioStatus status = new ScenarioStatus(ScenarioName.DEDICATED_BUCKET, records);
    status.setOutcome(outcome);
    status.setReason(reason);
    status.setMessage(reason == null ? null : "details");
    return status;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "in progress",
            scenario(Outcome.Running, null, Outcome.Passed, Outcome.Running),
            Phase.Running,
            "0/1 passed",
            null,
            "True",
            "Unknown",
            "InProgress"),
        Arguments.of(
            "passed and cleaned up",
            scenario(Outcome.Passed, null, Outcome.Passed, Outcome.Passed),
            Phase.Succeeded,
            "1/1 passed",
            null,
            "False",
            "True",
            "AllScenariosPassed"),
        Arguments.of(
            "failed, cleanup still running",
            scenario(Outcome.Failed, Reason.ObjectMissing, Outcome.Failed, Outcome.Running),
            Phase.Running,
            "0/1 passed",
            "dedicatedBucket: ObjectMissing",
            "True",
            "False",
            "ObjectMissing"),
        Arguments.of(
            "failed and cleaned up",
            scenario(
                Outcome.Failed,
                Reason.ProvisioningTimeout,
                Outcome.Failed,
                Outcome.Skipped,
                Outcome.Passed),
            Phase.Failed,
            "0/1 passed",
            "dedicatedBucket: ProvisioningTimeout",
            "False",
            "False",
            "ProvisioningTimeout"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void derivesRunViewFromScenarios(
      String name,
      ScenarioStatus scenario,
      Phase phase,
      String summary,
      String firstFailure,
      String running,
      String succeeded,
      String succeededReason) {
    ValidationStatus status = new ValidationStatus();
    status.getScenarios().add(scenario);

    aggregator.aggregate(status, 3L, NOW, false);

    assertThat(status.getPhase()).isEqualTo(phase);
    assertThat(status.getSummary()).isEqualTo(summary);
    assertThat(status.getFirstFailure()).isEqualTo(firstFailure);
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getCompletionTime())
        .isEqualTo(phase.isTerminal() ? "2026-03-01T12:00:00Z" : null);
    assertThat(condition(status, Conditions.RUNNING).getStatus()).isEqualTo(running);
    Condition result = condition(status, Conditions.SUCCEEDED);
    assertThat(result.getStatus()).isEqualTo(succeeded);
    assertThat(result.getReason()).isEqualTo(succeededReason);
    assertThat(status.getConditions())
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-03-01T12:00:00Z");
              assertThat(c.getMessage()).isNotBlank();
            });
  }

  @org.junit.jupiter.api.Test
  void leakedBucketsFailARunWhoseScenariosPassed() {
    ValidationStatus status = new ValidationStatus();
    status.getScenarios().add(scenario(Outcome.Passed, null, Outcome.Passed, Outcome.Passed));
    status.setLeakedBuckets(List.of("csi-s3-orphan"));

    aggregator.aggregate(status, 3L, NOW, false);

    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    assertThat(status.getSummary()).isEqualTo("1/1 passed");
    assertThat(status.getFirstFailure()).isEqualTo("orphanSweep: OrphanBuckets");
    Condition result = condition(status, Conditions.SUCCEEDED);
    assertThat(result.getReason()).isEqualTo("OrphanBuckets");
    assertThat(result.getMessage()).contains("csi-s3-orphan");
  }

  @org.junit.jupiter.api.Test
  void aPendingSweepKeepsACompleteRunRunning() {
    ValidationStatus status = new ValidationStatus();
    status.getScenarios().add(scenario(Outcome.Passed, null, Outcome.Passed, Outcome.Passed));

    aggregator.aggregate(status, 3L, NOW, true);

    assertThat(status.getPhase()).isEqualTo(Phase.Running);
    assertThat(status.getCompletionTime()).isNull();
    assertThat(condition(status, Conditions.RUNNING).getMessage())
        .contains("waiting to judge young unmatched buckets");
  }

  @org.junit.jupiter.api.Test
  void failBeforeStartEndsTheRunWithTheReason() {
    ValidationStatus status = new ValidationStatus();

    aggregator.failBeforeStart(status, "InvalidSpec", "spec.s3.endpoint: is required", 1L, NOW);

    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    assertThat(status.getFirstFailure()).isEqualTo("InvalidSpec");
    assertThat(condition(status, Conditions.SUCCEEDED).getMessage())
        .isEqualTo("spec.s3.endpoint: is required");
    assertThat(condition(status, Conditions.RUNNING).getStatus()).isEqualTo("False");
  }

  static Condition condition(ValidationStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }
}
