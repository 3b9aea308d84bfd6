package dev.s3csi.validator.scenario.steps;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.ScenarioNames;
import dev.s3csi.validator.s3.DriverBucketAccess;
import dev.s3csi.validator.s3.S3Checks.BucketState;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.EffectiveSpec.SharedBucketSettings;

/**
 * Makes sure the shared bucket exists before any volume is asked to live in it: creates it when the
 * spec allows (and records it, so cleanup deletes it), or fails when it must pre-exist.
 */
public final class EnsureBucketStep implements Step {

  /** The bucket the spec names, or the run's own. */
  public static String sharedBucket(ScenarioContext ctx) {
    return sharedBucket(ctx.spec(), ctx.run());
  }

  public static String sharedBucket(EffectiveSpec spec, ProvisioningValidation run) {
    String named = spec.sharedBucket().bucketName();
    return named != null ? named : ScenarioNames.of(run, ScenarioName.SHARED_BUCKET).sharedBucket();
  }

  @Override
  public String name() {
    return "ensureBucket";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    SharedBucketSettings settings = ctx.spec().sharedBucket();
    if (settings.mode() == SharedBucketMode.Static) {
      ctx.status().setMode(SharedBucketMode.Static);
    }
    String bucket = sharedBucket(ctx);
    if (ctx.resources().getBuckets().contains(bucket)) {
      return StepResult.passed("created bucket " + bucket);
    }
    BucketState state = ctx.s3().headBucket(bucket);
    if (state == BucketState.EXISTS) {
      return StepResult.passed(
          "bucket " + bucket + " exists; the run removes only the objects it writes");
    }
    if (state == BucketState.FORBIDDEN) {
      return StepResult.failed(
          Reason.DriverBucketsNotVisible,
          "shared bucket "
              + bucket
              + " exists but belongs to an S3 identity the validator's is not (HeadBucket 403):"
              + " name a bucket of the validator's account in spec.sharedBucket, or "
              + DriverBucketAccess.whatToGrant(ctx.spec().s3()));
    }
    if (!settings.create()) {
      return StepResult.failed(
          Reason.BucketMissing,
          "shared bucket "
              + bucket
              + " does not exist (HeadBucket 404) and spec.sharedBucket.create is false");
    }
    // Recorded before creating: a restart between the two must still clean the bucket up.
    UniqueNames.add(ctx.resources().getBuckets(), bucket);
    ctx.s3().createBucket(bucket);
    return StepResult.passed("created bucket " + bucket);
  }

  @Override
  public Deadline deadline() {
    return Deadline.objectVisible(Reason.S3Unavailable);
  }
}
