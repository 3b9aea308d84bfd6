package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindStep;
import dev.s3csi.validator.scenario.steps.BucketExistsStep;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.ConsumerPodStep;
import dev.s3csi.validator.scenario.steps.PendingWithoutConsumerStep;
import dev.s3csi.validator.scenario.steps.ProbeStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.StorageClassVariant;
import dev.s3csi.validator.scenario.steps.VerifyObjectsStep;
import dev.s3csi.validator.scenario.steps.VerifyVolumeStep;

/**
 * volumeBindingMode WaitForFirstConsumer keeps its promise: the PVC stays Pending, with no volume
 * and no bucket, while no pod uses it; once a pod does, the volume is provisioned, bound and
 * mounted, and what the pod writes reaches S3. Failure mode 23 of the driver reference.
 */
public final class WaitForFirstConsumerScenario implements Scenario {

  @Override
  public ScenarioName name() {
    return ScenarioName.WAIT_FOR_FIRST_CONSUMER;
  }

  @Override
  public List<Step> steps() {
    ClaimSelection claim = ClaimSelection.first(1);
    ProbeStep consumer = new ProbeStep(claim, 1).asFirstConsumers();
    return List.of(
        StorageClassStep.single(
            StorageClassVariant.of(DedicatedBucketScenario.PARAMETERS).waitingForFirstConsumer()),
        new PendingWithoutConsumerStep(),
        new ConsumerPodStep(consumer),
        BindStep.ofOneClass(1),
        new VerifyVolumeStep(),
        new BucketExistsStep(),
        consumer,
        new VerifyObjectsStep(claim, 1));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
