package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.spec.DurationText;

/**
 * The last look a deletion step takes at its deadline: it asks the API server to delete what its
 * cache still shows. Objects the API server no longer has were gone already, and only the cache
 * lagged (an informer that restarted just as they went, say): the step passes. Objects that
 * still existed fail it, and are deleted now, so nothing stays behind.
 */
final class LateDeletion {
  private LateDeletion() {}

  /**
   * @param remaining what the cache still shows
   * @param deleteIfExists deletes one object, returning whether it existed
   * @param what "PVC", "pod"… for the messages
   */
  static StepResult confirm(List<String> remaining, Predicate<String> deleteIfExists, String what, Reason reason,
      Duration timeout, String gone) {
    List<String> existing = remaining.stream().filter(deleteIfExists).toList();
    if (existing.isEmpty()) {
      return StepResult.passed(gone);
    }
    return StepResult.failed(reason, what + " " + String.join(", ", existing) + " still existed "
        + DurationText.format(timeout) + " after deletion was requested");
  }
}
