package dev.s3csi.validator.engine;

import java.time.Duration;

import dev.s3csi.validator.api.Reason;

/** What one attempt at a step observed. */
public sealed interface StepResult {

  /** The awaited condition holds; the scenario moves on to the next step. */
  record Passed(String message) implements StepResult {}

  /**
   * The condition does not hold yet. The step runs again on the next informer event about the
   * scenario's objects, or after {@code recheckAfter} when what it awaits is outside Kubernetes
   * (S3).
   */
  record Waiting(String awaiting, Duration recheckAfter) implements StepResult {}

  /** The condition can no longer hold: the scenario fails with this reason. */
  record Failed(Reason reason, String message) implements StepResult {}

  static Passed passed(String message) {
    return new Passed(message);
  }

  /** Waiting for a Kubernetes change, which an informer event will announce. */
  static Waiting awaiting(String what) {
    return new Waiting(what, null);
  }

  /** Waiting for a change in S3, which nothing announces: check again after {@code interval}. */
  static Waiting polling(String what, Duration interval) {
    return new Waiting(what, interval);
  }

  static Failed failed(Reason reason, String message) {
    return new Failed(reason, message);
  }
}
