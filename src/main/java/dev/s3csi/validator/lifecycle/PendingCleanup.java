package dev.s3csi.validator.lifecycle;

import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Checks.BucketState;
import dev.s3csi.validator.s3.S3UnavailableException;
import dev.s3csi.validator.scenario.steps.BucketCleanupStep;

/**
 * Buckets a run caused that its cleanup could not delete, because S3 did not answer for the whole
 * cleanup deadline. The run's outcome does not wait for S3; the buckets do: they stay listed in
 * {@code status.pendingCleanup} and are retried until S3 answers, then removed from the list.
 */
public final class PendingCleanup {
  private PendingCleanup() {}

  /**
   * Lists, once the run has finished, the buckets of every scenario whose bucket cleanup failed.
   */
  public static void collect(ValidationStatus status) {
    for (ScenarioStatus scenario : status.getScenarios()) {
      boolean cleanupFailed =
          scenario.getSteps().stream()
              .anyMatch(
                  s ->
                      BucketCleanupStep.NAME.equals(s.getName())
                          && s.getOutcome() == Outcome.Failed);
      if (cleanupFailed) {
        add(status, scenario.getResources().getBuckets());
      }
    }
  }

  public static void add(ValidationStatus status, List<String> buckets) {
    buckets.stream()
        .filter(b -> !status.getPendingCleanup().contains(b))
        .forEach(status.getPendingCleanup()::add);
  }

  /**
   * Deletes what it can; keeps listed what S3 did not answer about.
   *
   * @return the S3 errors of the buckets that remain
   */
  public static List<String> retry(ValidationStatus status, S3Checks s3) {
    List<String> errors = new ArrayList<>();
    for (String bucket : List.copyOf(status.getPendingCleanup())) {
      try {
        if (s3.headBucket(bucket) != BucketState.MISSING) {
          s3.emptyAndDelete(bucket);
        }
        status.getPendingCleanup().remove(bucket);
      } catch (S3UnavailableException e) {
        errors.add(e.getMessage());
      }
    }
    return errors;
  }
}
