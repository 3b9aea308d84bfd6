package dev.s3csi.validator.engine;

import java.time.Duration;
import java.util.function.Function;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/**
 * How long a step may wait, counted from its first attempt, and the reason it fails with when what
 * it awaits still does not hold then. The length is one of the run's {@code spec.timeouts}, so a
 * deadline names which one; the reason is the step's, as no two steps wait for the same thing.
 */
public final class Deadline {
  private final Function<StepTimeouts, Duration> length;
  private final Reason reason;

  private Deadline(Function<StepTimeouts, Duration> length, Reason reason) {
    this.length = length;
    this.reason = reason;
  }

  /** {@code timeouts.bind}: what a PVC, its PV and its StorageClass must come to. */
  public static Deadline bind(Reason reason) {
    return new Deadline(StepTimeouts::bind, reason);
  }

  /**
   * {@code timeouts.bind} plus {@code timeouts.refusalSettle}: a refusal may come until the bind
   * deadline, and must then hold for the settling period.
   */
  public static Deadline refusal(Reason reason) {
    return new Deadline(t -> t.bind().plus(t.refusalSettle()), reason);
  }

  /** {@code timeouts.podReady}: a probe pod created to finished. */
  public static Deadline podReady(Reason reason) {
    return new Deadline(StepTimeouts::podReady, reason);
  }

  /** {@code timeouts.objectVisible}: what is asked of S3. */
  public static Deadline objectVisible(Reason reason) {
    return new Deadline(StepTimeouts::objectVisible, reason);
  }

  /** {@code timeouts.deletion}: deletion requested to object gone. */
  public static Deadline deletion(Reason reason) {
    return new Deadline(StepTimeouts::deletion, reason);
  }

  /** The same deadline, {@code extra} later. */
  public Deadline plus(Duration extra) {
    return new Deadline(timeouts -> length.apply(timeouts).plus(extra), reason);
  }

  /** How long the step may wait under the run's timeouts. */
  public Duration timeout(StepTimeouts timeouts) {
    return length.apply(timeouts);
  }

  public Reason reason() {
    return reason;
  }
}
