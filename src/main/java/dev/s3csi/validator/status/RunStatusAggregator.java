package dev.s3csi.validator.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;

/** Derives the run-level view (phase, summary, conditions) from the scenarios' own status. */
public final class RunStatusAggregator {
  public static final String QUEUED = "Queued";

  /** Names the run-level orphan-bucket sweep where a scenario name would stand. */
  public static final String ORPHAN_SWEEP = "orphanSweep";

  private final Conditions conditions;

  public RunStatusAggregator(Conditions conditions) {
    this.conditions = conditions;
  }

  /**
   * @param sweepPending the run's orphan-bucket sweep still waits for young buckets to be judged;
   *     the run is not finished until it is done
   */
  public void aggregate(
      ValidationStatus status, Long generation, Instant now, boolean sweepPending) {
    List<ScenarioStatus> scenarios = status.getScenarios();
    long complete = scenarios.stream().filter(RunStatusAggregator::isComplete).count();
    long passed = scenarios.stream().filter(s -> s.getOutcome() == Outcome.Passed).count();
    Optional<ScenarioStatus> firstFailure =
        scenarios.stream().filter(s -> s.getOutcome() == Outcome.Failed).findFirst();

    List<String> leaked = status.getLeakedBuckets();

    status.setObservedGeneration(generation);
    recovered(status, generation);
    status.setSummary(passed + "/" + scenarios.size() + " passed");
    status.setFirstFailure(
        firstFailure
            .map(s -> s.getName() + ": " + s.getReason())
            .orElse(leaked.isEmpty() ? null : ORPHAN_SWEEP + ": " + Reason.OrphanBuckets));

    boolean finished = complete == scenarios.size() && !sweepPending;
    if (finished) {
      status.setPhase(
          firstFailure.isPresent() || !leaked.isEmpty() ? Phase.Failed : Phase.Succeeded);
      status.setCompletionTime(Conditions.timestamp(now));
      setCondition(
          status,
          Conditions.RUNNING,
          Conditions.FALSE,
          "Completed",
          "all " + scenarios.size() + " scenarios finished and cleaned up",
          generation);
    } else {
      status.setPhase(Phase.Running);
      String sweep =
          complete == scenarios.size() ? "; waiting to judge young unmatched buckets" : "";
      setCondition(
          status,
          Conditions.RUNNING,
          Conditions.TRUE,
          "InProgress",
          complete + "/" + scenarios.size() + " scenarios finished" + sweep,
          generation);
    }

    if (firstFailure.isPresent()) {
      ScenarioStatus failed = firstFailure.get();
      setCondition(
          status,
          Conditions.SUCCEEDED,
          Conditions.FALSE,
          failed.getReason().name(),
          failed.getName() + ": " + failed.getMessage(),
          generation);
    } else if (!leaked.isEmpty()) {
      setCondition(
          status,
          Conditions.SUCCEEDED,
          Conditions.FALSE,
          Reason.OrphanBuckets.name(),
          leaked.size()
              + " driver-named bucket(s) appeared during the run and match no PV: "
              + String.join(", ", leaked),
          generation);
    } else if (finished) {
      setCondition(
          status,
          Conditions.SUCCEEDED,
          Conditions.TRUE,
          "AllScenariosPassed",
          status.getSummary(),
          generation);
    } else {
      setCondition(
          status,
          Conditions.SUCCEEDED,
          Conditions.UNKNOWN,
          "InProgress",
          "no scenario has failed so far",
          generation);
    }
  }

  /** A run waiting for a slot under the operator's cap on runs in progress. */
  public void queue(ValidationStatus status, String message, Long generation) {
    status.setObservedGeneration(generation);
    status.setPhase(Phase.Pending);
    setCondition(status, Conditions.RUNNING, Conditions.FALSE, QUEUED, message, generation);
    setCondition(
        status, Conditions.SUCCEEDED, Conditions.UNKNOWN, QUEUED, "not started yet", generation);
  }

  /** Ends a run that never started its scenarios, e.g. because its spec is invalid. */
  public void failBeforeStart(
      ValidationStatus status, String reason, String message, Long generation, Instant now) {
    status.setObservedGeneration(generation);
    status.setPhase(Phase.Failed);
    status.setSummary("0/0 passed");
    status.setFirstFailure(reason);
    status.setCompletionTime(Conditions.timestamp(now));
    setCondition(status, Conditions.RUNNING, Conditions.FALSE, reason, message, generation);
    setCondition(status, Conditions.SUCCEEDED, Conditions.FALSE, reason, message, generation);
  }

  /**
   * A reconciliation of the run failed with an error no step turned into a verdict: said in a
   * condition until one succeeds again.
   */
  public void reconcileFailed(ValidationStatus status, String message, Long generation) {
    setCondition(
        status,
        Conditions.RECONCILE_ERROR,
        Conditions.TRUE,
        "ReconcileFailed",
        message,
        generation);
  }

  private void recovered(ValidationStatus status, Long generation) {
    boolean failing =
        status.getConditions() != null
            && status.getConditions().stream()
                .anyMatch(
                    c ->
                        Conditions.RECONCILE_ERROR.equals(c.getType())
                            && Conditions.TRUE.equals(c.getStatus()));
    if (failing) {
      setCondition(
          status,
          Conditions.RECONCILE_ERROR,
          Conditions.FALSE,
          "Recovered",
          "the last reconciliation succeeded",
          generation);
    }
  }

  /**
   * Ends a run whose deadline passed while its reconciliations kept failing, so it cannot stay
   * Running: every scenario not complete fails with {@link Reason#RunTimeout}, its step in progress
   * with {@code message}, the steps after it (cleanup included: what the run created goes when the
   * run is deleted) skipped.
   */
  public void failAtRunDeadline(
      ValidationStatus status, String message, Long generation, Instant now) {
    for (ScenarioStatus scenario : status.getScenarios()) {
      if (isComplete(scenario)) {
        continue;
      }
      for (StepStatus step : scenario.getSteps()) {
        if (step.getOutcome() == Outcome.Running) {
          step.setOutcome(Outcome.Failed);
          step.setMessage(message);
        } else if (!step.getOutcome().isFinished()) {
          step.setOutcome(Outcome.Skipped);
          step.setMessage("skipped: the run ended at its deadline");
        }
      }
      if (scenario.getOutcome() != Outcome.Failed) {
        scenario.setOutcome(Outcome.Failed);
        scenario.setReason(Reason.RunTimeout);
        scenario.setMessage(message);
      }
    }
    aggregate(status, generation, now, false);
  }

  /** A scenario is complete when every step, cleanup included, has finished. */
  public static boolean isComplete(ScenarioStatus scenario) {
    return scenario.getSteps().stream().map(StepStatus::getOutcome).allMatch(Outcome::isFinished);
  }

  private void setCondition(
      ValidationStatus status,
      String type,
      String value,
      String reason,
      String message,
      Long generation) {
    status.setConditions(
        Conditions.merge(
            status.getConditions(), conditions.build(type, value, reason, message, generation)));
  }
}
