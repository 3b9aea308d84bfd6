package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindStep;
import dev.s3csi.validator.scenario.steps.BucketDeletedStep;
import dev.s3csi.validator.scenario.steps.BucketExistsStep;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.DeleteClaimStep;
import dev.s3csi.validator.scenario.steps.DeleteProbeStep;
import dev.s3csi.validator.scenario.steps.EmptyVolumeStep;
import dev.s3csi.validator.scenario.steps.ProbeStep;
import dev.s3csi.validator.scenario.steps.S3WriteStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.VerifyObjectsStep;
import dev.s3csi.validator.scenario.steps.VerifyVolumeStep;
import dev.s3csi.validator.scenario.steps.VolumeReleasedStep;

/**
 * reclaimPolicy Delete keeps its promise: content is written and verified in S3, the PVCs are
 * deleted, their PVs go in time, and the bucket of the emptied volume goes too. The bucket that
 * still held objects may stay (the Scality driver deletes only empty buckets, by design): that is
 * noted, and the validator deletes it. The seed's scenario 3.
 */
public final class DeleteReclaimScenario implements Scenario {
  static final int EMPTIED = 0;
  static final int KEPT_FULL = 1;

  @Override
  public ScenarioName name() {
    return ScenarioName.DELETE_RECLAIM;
  }

  @Override
  public List<Step> steps() {
    ClaimSelection claims = ClaimSelection.first(2);
    return List.of(
        StorageClassStep.single(DedicatedBucketScenario.PARAMETERS),
        BindStep.ofOneClass(2),
        new VerifyVolumeStep(),
        new BucketExistsStep(),
        new S3WriteStep(claims),
        new ProbeStep(claims, 1),
        new VerifyObjectsStep(claims, 1),
        new EmptyVolumeStep(EMPTIED),
        new DeleteProbeStep("unmount"),
        new DeleteClaimStep("deletePvcs"),
        new VolumeReleasedStep("pvDeleted"),
        new BucketDeletedStep(EMPTIED, KEPT_FULL));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
