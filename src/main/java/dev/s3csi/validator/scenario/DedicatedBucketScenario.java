package dev.s3csi.validator.scenario;

import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindStep;
import dev.s3csi.validator.scenario.steps.BucketExistsStep;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.ProbeStep;
import dev.s3csi.validator.scenario.steps.S3WriteStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.VerifyObjectsStep;
import dev.s3csi.validator.scenario.steps.VerifyVolumeStep;

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
        StorageClassStep.single(PARAMETERS),
        BindStep.ofOneClass(1),
        new VerifyVolumeStep(),
        new BucketExistsStep(),
        new S3WriteStep(claim),
        new ProbeStep(claim, 1),
        new VerifyObjectsStep(claim, 1));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
