package dev.s3csi.validator.scenario;

import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindClaims;
import dev.s3csi.validator.scenario.steps.BucketsExist;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.CreateStorageClass;
import dev.s3csi.validator.scenario.steps.RunProbes;
import dev.s3csi.validator.scenario.steps.VerifyObjects;
import dev.s3csi.validator.scenario.steps.VerifyVolumes;
import dev.s3csi.validator.scenario.steps.WriteThroughS3;

/**
 * One PVC gets its own bucket, and the bucket holds exactly what a pod writes through the mount;
 * what is put through S3 is readable through the mount. The seed's scenario 1.
 */
public final class DedicatedBucketScenario implements Scenario {
  /** The seed's StorageClass parameter; drivers without a shared mode (Scality 2.2) ignore it. */
  static final Map<String, String> PARAMETERS = Map.of("bucketNaming", "dedicated");

  @Override
  public ScenarioName name() {
    return ScenarioName.DEDICATED_BUCKET;
  }

  @Override
  public List<Step> steps() {
    ClaimSelection claim = ClaimSelection.first(1);
    return List.of(
        CreateStorageClass.single(PARAMETERS),
        BindClaims.ofOneClass(1),
        new VerifyVolumes(),
        new BucketsExist(),
        new WriteThroughS3(claim),
        new RunProbes(claim, 1),
        new VerifyObjects(claim, 1));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
