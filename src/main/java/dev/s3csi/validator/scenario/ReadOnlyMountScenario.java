package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindStep;
import dev.s3csi.validator.scenario.steps.BucketExistsStep;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.NothingWrittenStep;
import dev.s3csi.validator.scenario.steps.ProbeStep;
import dev.s3csi.validator.scenario.steps.S3WriteStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.VerifyVolumeStep;

/**
 * A pod that mounts its volume read-only cannot write through it, and still reads what is in the
 * bucket; S3 shows nothing new. Failure mode 26 of the driver reference, asked the way a workload
 * asks: the pod's {@code persistentVolumeClaim.readOnly}, which kubelet passes to the driver.
 */
public final class ReadOnlyMountScenario implements Scenario {

  @Override
  public ScenarioName name() {
    return ScenarioName.READ_ONLY_MOUNT;
  }

  @Override
  public List<Step> steps() {
    ClaimSelection claim = ClaimSelection.first(1);
    return List.of(
        StorageClassStep.single(DedicatedBucketScenario.PARAMETERS),
        BindStep.ofOneClass(1),
        new VerifyVolumeStep(),
        new BucketExistsStep(),
        new S3WriteStep(claim),
        new ProbeStep(claim, 1).mountingReadOnly(),
        new NothingWrittenStep(claim));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
