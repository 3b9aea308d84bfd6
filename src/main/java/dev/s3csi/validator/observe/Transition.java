package dev.s3csi.validator.observe;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;

/** One change between two persisted statuses of a run: what events and metrics report. */
public sealed interface Transition {

  /** A scenario's first step started. */
  record ScenarioStarted(ScenarioName scenario) implements Transition {}

  /**
   * A step passed or failed.
   *
   * @param cleanup whether the step is one of the scenario's cleanup steps
   */
  record StepFinished(
      ScenarioName scenario,
      String step,
      boolean cleanup,
      Outcome outcome,
      long durationMillis,
      String message)
      implements Transition {}

  /** A scenario recorded a note: a finding that does not fail it (e.g. InvalidParameterIgnored). */
  record NoteAdded(ScenarioName scenario, Reason reason, String message) implements Transition {}

  /**
   * A scenario reached its outcome: Passed (after its cleanup) or Failed (at its first failed
   * step).
   */
  record ScenarioFinished(ScenarioName scenario, Outcome outcome, Reason reason, String message)
      implements Transition {}

  /**
   * The run reached Succeeded or Failed.
   *
   * @param message the Succeeded condition's message: the summary, or why the run failed
   */
  record RunFinished(Phase phase, String summary, String message) implements Transition {}
}
