package dev.s3csi.validator.engine;

import java.time.Duration;

import dev.s3csi.validator.spec.DurationText;

/**
 * One step of a scenario: act (idempotently, so a repeat after a restart is harmless), then report
 * whether the awaited condition holds. A step never blocks; it is called again until it passes,
 * fails, or its deadline, counted from its first attempt, expires.
 */
public interface Step {

  /** Name shown in the status, the result table and as the metric label. */
  String name();

  StepResult run(ScenarioContext ctx);

  /** How long the step may wait, and the reason it fails with when it waited that long. */
  Deadline deadline();

  /**
   * The outcome when the deadline expires: a failure by default. Steps override this when what they
   * saw while waiting (a Warning event, say) says more than "timed out", or when a last look at the
   * API server, past a cache that may lag, shows the condition holds after all.
   */
  default StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    return stillWaiting(this, last, timeout);
  }

  /** The default verdict at a step's deadline: its reason, and what it was still waiting for. */
  static StepResult.Failed stillWaiting(Step step, StepResult.Waiting last, Duration timeout) {
    return StepResult.failed(
        step.deadline().reason(),
        "still " + last.awaiting() + " after " + DurationText.format(timeout));
  }
}
