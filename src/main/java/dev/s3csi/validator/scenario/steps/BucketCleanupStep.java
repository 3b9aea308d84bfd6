package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.s3.DriverBucketAccess;
import dev.s3csi.validator.s3.S3Checks.BucketState;

/**
 * After the PVs are gone, removes through S3 every bucket the scenario caused that is still there:
 * buckets the driver kept (the Scality driver keeps those holding objects, by design, so this is
 * reported, not failed) and buckets the validator created itself.
 */
public final class BucketCleanupStep implements Step {
  public static final String NAME = "bucketCleanup";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> deletedByDriver = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String bucket : ctx.resources().getBuckets()) {
      BucketState state = ctx.s3().headBucket(bucket);
      if (state == BucketState.MISSING) {
        deletedByDriver.add(bucket);
      } else if (state == BucketState.FORBIDDEN) {
        // Retrying a 403 until the deadline would only delay the same answer.
        return StepResult.failed(
            Reason.CleanupFailed,
            "bucket "
                + bucket
                + " remained, and the validator may not delete it (HeadBucket 403): delete it with"
                + " the credentials of the account that created it, and "
                + DriverBucketAccess.whatToGrant(ctx.spec().s3()));
      } else {
        int objects = ctx.s3().emptyAndDelete(bucket);
        removed.add(bucket + " (" + objects + " objects)");
      }
    }
    List<String> parts = new ArrayList<>();
    if (!deletedByDriver.isEmpty()) {
      parts.add("the driver deleted bucket " + String.join(", ", deletedByDriver));
    }
    if (!removed.isEmpty()) {
      parts.add("bucket " + String.join(", ", removed) + " remained; the validator deleted it");
    }
    return StepResult.passed(parts.isEmpty() ? "no bucket to clean up" : String.join("; ", parts));
  }

  @Override
  public Deadline deadline() {
    return Deadline.deletion(Reason.CleanupFailed);
  }
}
