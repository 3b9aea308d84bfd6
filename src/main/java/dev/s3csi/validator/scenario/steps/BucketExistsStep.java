package dev.s3csi.validator.scenario.steps;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.s3.DriverBucketAccess;
import dev.s3csi.validator.s3.S3Checks.BucketState;

/** HeadBucket on every bucket the PVs point at: a PV whose bucket does not exist cannot mount. */
public final class BucketExistsStep implements Step {

  @Override
  public String name() {
    return "bucketExists";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    for (String bucket : ctx.resources().getBuckets()) {
      BucketState state = ctx.s3().headBucket(bucket);
      if (state != BucketState.EXISTS) {
        ctx.addEvidence("HeadBucket " + bucket + " with the validator's credentials: " + state);
      }
      if (state == BucketState.MISSING) {
        return StepResult.failed(
            Reason.BucketMissing,
            "bucket "
                + bucket
                + " named by PV "
                + String.join(", ", ctx.resources().getPvs())
                + " does not exist (HeadBucket 404)");
      }
      if (state == BucketState.FORBIDDEN) {
        return StepResult.failed(
            Reason.DriverBucketsNotVisible,
            "bucket "
                + bucket
                + " of PV "
                + String.join(", ", ctx.resources().getPvs())
                + " exists but the validator may not see it (HeadBucket 403): "
                + DriverBucketAccess.whatToGrant(ctx.spec().s3()));
      }
    }
    return StepResult.passed(
        "HeadBucket " + String.join(", ", ctx.resources().getBuckets()) + ": exists");
  }

  @Override
  public Deadline deadline() {
    return Deadline.objectVisible(Reason.S3Unavailable);
  }
}
