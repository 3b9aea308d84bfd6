package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.s3.S3Checks.BucketState;
import dev.s3csi.validator.spec.DurationText;

/**
 * After the PVs of reclaimPolicy Delete are gone: the bucket of the emptied volume must be gone too
 * (the driver reports no failure, so S3 is the only place a leak shows). The bucket that still held
 * objects may be kept, as the Scality driver documents: that is noted, and cleanup deletes it.
 *
 * <p>Bucket {@code i} of the scenario's resources belongs to PVC {@code i}: VerifyVolumeStep
 * records them in PVC order and fails when two PVs share one.
 */
public final class BucketDeletedStep implements Step {
  static final Duration POLL = Duration.ofMillis(250);
  private final int emptied;
  private final int kept;

  public BucketDeletedStep(int emptied, int kept) {
    this.emptied = emptied;
    this.kept = kept;
  }

  @Override
  public String name() {
    return "bucketDeleted";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> buckets = ctx.resources().getBuckets();
    String emptyBucket = buckets.get(emptied);
    BucketState emptyState = ctx.s3().headBucket(emptyBucket);
    if (emptyState != BucketState.MISSING) {
      ctx.addEvidence(
          "HeadBucket "
              + emptyBucket
              + " after its PV was deleted: "
              + emptyState
              + "; objects in it: "
              + ctx.s3().keys(emptyBucket, "").size());
      return StepResult.polling(
          "waiting for the driver to delete empty bucket " + emptyBucket, POLL);
    }
    String fullBucket = buckets.get(kept);
    if (ctx.s3().headBucket(fullBucket) == BucketState.MISSING) {
      return StepResult.passed(
          "the driver deleted empty bucket "
              + emptyBucket
              + ", and bucket "
              + fullBucket
              + " with its objects");
    }
    int objects = ctx.s3().keys(fullBucket, "").size();
    ctx.addNote(
        Reason.NonEmptyBucketRetained,
        "the driver kept bucket "
            + fullBucket
            + " of PV "
            + pv(ctx, kept)
            + " with its "
            + objects
            + " objects after deleting the PV, as the Scality driver documents (it deletes"
            + " only empty buckets); the validator deletes it during cleanup");
    return StepResult.passed(
        "the driver deleted empty bucket "
            + emptyBucket
            + " and kept bucket "
            + fullBucket
            + " holding "
            + objects
            + " objects");
  }

  private static String pv(ScenarioContext ctx, int index) {
    List<String> pvs = ctx.resources().getPvs();
    return index < pvs.size() ? pvs.get(index) : "?";
  }

  @Override
  public Deadline deadline() {
    return Deadline.deletion(Reason.BucketLeaked);
  }

  @Override
  public StepResult.Failed timedOut(
      ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    return StepResult.failed(
        Reason.BucketLeaked,
        "bucket "
            + ctx.resources().getBuckets().get(emptied)
            + " of PV "
            + pv(ctx, emptied)
            + " (PVC "
            + ctx.names().claim(emptied)
            + ") was empty, and still exists "
            + DurationText.format(timeout)
            + " after its PV was deleted (reclaimPolicy Delete): the driver's"
            + " DeleteVolume left it (and reported success); the validator deletes it during cleanup");
  }
}
