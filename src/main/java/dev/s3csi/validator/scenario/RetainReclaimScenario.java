package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindStep;
import dev.s3csi.validator.scenario.steps.BucketCleanupStep;
import dev.s3csi.validator.scenario.steps.BucketExistsStep;
import dev.s3csi.validator.scenario.steps.BucketRetainedStep;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.DeleteClaimStep;
import dev.s3csi.validator.scenario.steps.DeleteRetainedVolumeStep;
import dev.s3csi.validator.scenario.steps.DeleteStorageClassStep;
import dev.s3csi.validator.scenario.steps.S3WriteStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.StorageClassVariant;
import dev.s3csi.validator.scenario.steps.VerifyVolumeStep;
import dev.s3csi.validator.scenario.steps.VolumeRetainedStep;

/**
 * reclaimPolicy Retain keeps its promise: after the PVC is deleted, its PV is Released and stays,
 * and its bucket stays with its content. Then the validator cleans up as an admin would: the PV,
 * then the bucket through S3. Failure mode 22 of the driver reference ("Retain not honoured").
 */
public final class RetainReclaimScenario implements Scenario {

  @Override
  public ScenarioName name() {
    return ScenarioName.RETAIN_RECLAIM;
  }

  @Override
  public List<Step> steps() {
    return List.of(
        StorageClassStep.single(
            StorageClassVariant.of(DedicatedBucketScenario.PARAMETERS).retaining()),
        BindStep.ofOneClass(1),
        new VerifyVolumeStep(),
        new BucketExistsStep(),
        new S3WriteStep(ClaimSelection.first(1)),
        new DeleteClaimStep("deletePvcs"),
        new VolumeRetainedStep(),
        new BucketRetainedStep());
  }

  @Override
  public List<Step> cleanupSteps() {
    return List.of(
        new DeleteClaimStep(),
        new DeleteRetainedVolumeStep(),
        new BucketCleanupStep(),
        new DeleteStorageClassStep());
  }
}
