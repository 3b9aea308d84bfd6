package dev.s3csi.validator.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;

/** Derives the run-level view (phase, summary, conditions) from the scenarios' own status. */
public final class RunStatusAggregator {
  public static final String QUEUED = "Queued";
  private final Conditions conditions;

  public RunStatusAggregator(Conditions conditions) {
    this.conditions = conditions;
  }

  public void aggregate(ValidationStatus status, Long generation, Instant now) {
    List<ScenarioStatus> scenarios = status.getScenarios();
    long complete = scenarios.stream().filter(RunStatusAggregator::isComplete).count();
    long passed = scenarios.stream().filter(s -> s.getOutcome() == Outcome.Passed).count();
    Optional<ScenarioStatus> firstFailure =
        scenarios.stream().filter(s -> s.getOutcome() == Outcome.Failed).findFirst();

    status.setObservedGeneration(generation);
    status.setSummary(passed + "/" + scenarios.size() + " passed");
    status.setFirstFailure(firstFailure.map(s -> s.getName() + ": " + s.getReason()).orElse(null));

    boolean finished = complete == scenarios.size();
    if (finished) {
      status.setPhase(firstFailure.isPresent() ? Phase.Failed : Phase.Succeeded);
      status.setCompletionTime(Conditions.timestamp(now));
      setCondition(status, Conditions.RUNNING, Conditions.FALSE, "Completed",
          "all " + scenarios.size() + " scenarios finished and cleaned up", generation);
    } else {
      status.setPhase(Phase.Running);
      setCondition(status, Conditions.RUNNING, Conditions.TRUE, "InProgress",
          complete + "/" + scenarios.size() + " scenarios finished", generation);
    }

    if (firstFailure.isPresent()) {
      ScenarioStatus failed = firstFailure.get();
      setCondition(status, Conditions.SUCCEEDED, Conditions.FALSE, failed.getReason().name(),
          failed.getName() + ": " + failed.getMessage(), generation);
    } else if (finished) {
      setCondition(status, Conditions.SUCCEEDED, Conditions.TRUE, "AllScenariosPassed",
          status.getSummary(), generation);
    } else {
      setCondition(status, Conditions.SUCCEEDED, Conditions.UNKNOWN, "InProgress",
          "no scenario has failed so far", generation);
    }
  }

  /** A run waiting for a slot under the operator's cap on runs in progress. */
  public void queue(ValidationStatus status, String message, Long generation) {
    status.setObservedGeneration(generation);
    status.setPhase(Phase.Pending);
    setCondition(status, Conditions.RUNNING, Conditions.FALSE, QUEUED, message, generation);
    setCondition(status, Conditions.SUCCEEDED, Conditions.UNKNOWN, QUEUED, "not started yet", generation);
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

  /** A scenario is complete when every step, cleanup included, has finished. */
  public static boolean isComplete(ScenarioStatus scenario) {
    return scenario.getSteps().stream().map(StepStatus::getOutcome).allMatch(Outcome::isFinished);
  }

  private void setCondition(
      ValidationStatus status, String type, String value, String reason, String message, Long generation) {
    status.setConditions(
        Conditions.merge(status.getConditions(), conditions.build(type, value, reason, message, generation)));
  }
}
