package dev.s3csi.validator.scenario;

import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.kube.StorageClassFactory;
import dev.s3csi.validator.scenario.steps.BindStep;
import dev.s3csi.validator.scenario.steps.BucketExistsStep;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.MountOptionsStep;
import dev.s3csi.validator.scenario.steps.ProbeStep;
import dev.s3csi.validator.scenario.steps.S3WriteStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.StorageClassVariant;
import dev.s3csi.validator.scenario.steps.VerifyObjectsStep;
import dev.s3csi.validator.scenario.steps.VerifyVolumeStep;

/**
 * StorageClass options reach the volume and take effect: mount options {@code debug} and {@code
 * allow-delete} land in the PV (and a delete through the mount removes the object from S3); region
 * {@code us-west-2} as the seed's {@code s3Region} parameter (noted when the driver ignores it) and
 * as the {@code region=} mount option. File operations work under each. The seed's scenario 4.
 */
public final class StorageClassOptionsScenario implements Scenario {
  static final String REGION = "us-west-2";
  static final int DELETING_VARIANT = 0;
  static final List<StorageClassVariant> VARIANTS =
      List.of(
          new StorageClassVariant(
              DedicatedBucketScenario.PARAMETERS,
              List.of("debug", "allow-delete"),
              Map.of(),
              StorageClassFactory.RECLAIM_DELETE,
              StorageClassFactory.BIND_IMMEDIATELY),
          new StorageClassVariant(
              Map.of("bucketNaming", "dedicated", "s3Region", REGION),
              List.of("region=" + REGION),
              Map.of("s3Region", "region"),
              StorageClassFactory.RECLAIM_DELETE,
              StorageClassFactory.BIND_IMMEDIATELY));

  @Override
  public ScenarioName name() {
    return ScenarioName.STORAGE_CLASS_OPTIONS;
  }

  @Override
  public List<Step> steps() {
    ClaimSelection claims = ClaimSelection.first(VARIANTS.size());
    return List.of(
        StorageClassStep.variants(VARIANTS),
        BindStep.onePerVariant(VARIANTS.size()),
        new VerifyVolumeStep(),
        new MountOptionsStep(VARIANTS),
        new BucketExistsStep(),
        new S3WriteStep(claims),
        new ProbeStep(claims, 1).deletingThroughMount(DELETING_VARIANT),
        new VerifyObjectsStep(claims, 1).deletedThroughMount(DELETING_VARIANT));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
