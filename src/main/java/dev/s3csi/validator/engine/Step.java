package dev.s3csi.validator.engine;

import java.time.Duration;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.spec.DurationText;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/**
 * One step of a scenario: act (idempotently, so a repeat after a restart is harmless), then report
 * whether the awaited condition holds. A step never blocks; it is called again until it passes,
 * fails, or its deadline, counted from its first attempt, expires.
 */
public interface Step {

  /** Name shown in the status, the result table and as the metric label. */
  String name();

  StepResult run(ScenarioContext ctx);

  Duration timeout(StepTimeouts timeouts);

  /** The reason a step that is still waiting at its deadline fails with. */
  Reason timeoutReason();

  /**
   * The outcome when the deadline expires: a failure by default. Steps override this when what
   * they saw while waiting (a Warning event, say) says more than "timed out", or when a last look
   * at the API server, past a cache that may lag, shows the condition holds after all.
   */
  default StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    return StepResult.failed(
        timeoutReason(), "still " + last.awaiting() + " after " + DurationText.format(timeout));
  }
}
