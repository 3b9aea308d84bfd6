package dev.s3csi.validator.scenario;

import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindStep;
import dev.s3csi.validator.scenario.steps.EnsureBucketStep;
import dev.s3csi.validator.scenario.steps.ProbeStep;
import dev.s3csi.validator.scenario.steps.S3WriteStep;
import dev.s3csi.validator.scenario.steps.SharedBucketClaims;
import dev.s3csi.validator.scenario.steps.SharedVolumesStep;
import dev.s3csi.validator.scenario.steps.SkippedInStaticMode;
import dev.s3csi.validator.scenario.steps.StaticVolumesStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.VerifyObjectsStep;

/**
 * Several volumes in one pre-created bucket, each under its own prefix: objects land only under
 * their volume's prefix, and a pod of one volume cannot see another's files. The seed's scenario 2.
 * Drivers without a shared mode (Scality 2.2 gives every PVC a bucket of its own) are detected in
 * Auto mode and the property is validated with static PVs instead.
 */
public final class SharedBucketScenario implements Scenario {
  private final int volumes;

  public SharedBucketScenario(int volumes) {
    this.volumes = volumes;
  }

  /** The seed's shared mode: the bucket from the parameter, a unique prefix per PVC. */
  static Map<String, String> parameters(String bucket) {
    return Map.of("bucketNaming", "shared", "bucketName", bucket);
  }

  @Override
  public ScenarioName name() {
    return ScenarioName.SHARED_BUCKET;
  }

  @Override
  public List<Step> steps() {
    SharedBucketClaims claims = new SharedBucketClaims(volumes);
    return List.of(
        new EnsureBucketStep(),
        new SkippedInStaticMode(
            StorageClassStep.single(ctx -> parameters(EnsureBucketStep.sharedBucket(ctx)))),
        new SkippedInStaticMode(BindStep.ofOneClass(volumes)),
        new SharedVolumesStep(volumes),
        new StaticVolumesStep(volumes),
        new S3WriteStep(claims),
        new ProbeStep(claims, 1).checkingIsolation(),
        new VerifyObjectsStep(claims, 1));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.sharedBucket(volumes);
  }
}
