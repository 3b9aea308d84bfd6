package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.AwaitBucketsReclaimed;
import dev.s3csi.validator.scenario.steps.AwaitVolumesGone;
import dev.s3csi.validator.scenario.steps.BindClaims;
import dev.s3csi.validator.scenario.steps.BucketsExist;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.CreateStorageClass;
import dev.s3csi.validator.scenario.steps.DeleteClaims;
import dev.s3csi.validator.scenario.steps.DeletePods;
import dev.s3csi.validator.scenario.steps.EmptyVolume;
import dev.s3csi.validator.scenario.steps.RunProbes;
import dev.s3csi.validator.scenario.steps.VerifyObjects;
import dev.s3csi.validator.scenario.steps.VerifyVolumes;
import dev.s3csi.validator.scenario.steps.WriteThroughS3;

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
        CreateStorageClass.single(DedicatedBucketScenario.PARAMETERS),
        BindClaims.ofOneClass(2),
        new VerifyVolumes(),
        new BucketsExist(),
        new WriteThroughS3(claims),
        new RunProbes(claims, 1),
        new VerifyObjects(claims, 1),
        new EmptyVolume(EMPTIED),
        new DeletePods("unmount"),
        new DeleteClaims("deletePvcs"),
        new AwaitVolumesGone("pvDeleted"),
        new AwaitBucketsReclaimed(EMPTIED, KEPT_FULL));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
