package dev.s3csi.validator.scenario;

import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindClaims;
import dev.s3csi.validator.scenario.steps.CreateStaticVolumes;
import dev.s3csi.validator.scenario.steps.CreateStorageClass;
import dev.s3csi.validator.scenario.steps.DynamicOnly;
import dev.s3csi.validator.scenario.steps.EnsureSharedBucket;
import dev.s3csi.validator.scenario.steps.RunProbes;
import dev.s3csi.validator.scenario.steps.SharedBucketClaims;
import dev.s3csi.validator.scenario.steps.VerifyObjects;
import dev.s3csi.validator.scenario.steps.VerifySharedVolumes;
import dev.s3csi.validator.scenario.steps.WriteThroughS3;

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
        new EnsureSharedBucket(),
        new DynamicOnly(CreateStorageClass.single(ctx -> parameters(EnsureSharedBucket.bucket(ctx)))),
        new DynamicOnly(BindClaims.ofOneClass(volumes)),
        new VerifySharedVolumes(volumes),
        new CreateStaticVolumes(volumes),
        new WriteThroughS3(claims),
        new RunProbes(claims, 1).checkingIsolation(),
        new VerifyObjects(claims, 1));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.sharedBucket(volumes);
  }
}
