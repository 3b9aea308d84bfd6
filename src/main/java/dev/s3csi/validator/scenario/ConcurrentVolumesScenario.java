package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindStep;
import dev.s3csi.validator.scenario.steps.BucketExistsStep;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.OrphanBucketsStep;
import dev.s3csi.validator.scenario.steps.ProbeStep;
import dev.s3csi.validator.scenario.steps.S3WriteStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.VerifyObjectsStep;
import dev.s3csi.validator.scenario.steps.VerifyVolumeStep;

/**
 * Many volumes at once: N PVCs created together all bind, to N distinct buckets that exist; N x
 * podsPerVolume probe pods run together, pods of one volume writing different files, all of which
 * reach S3; and no orphan bucket appeared on the way. The seed's scenario 6.
 */
public final class ConcurrentVolumesScenario implements Scenario {
  private final int count;
  private final int podsPerVolume;

  public ConcurrentVolumesScenario(int count, int podsPerVolume) {
    this.count = count;
    this.podsPerVolume = podsPerVolume;
  }

  @Override
  public ScenarioName name() {
    return ScenarioName.CONCURRENT_VOLUMES;
  }

  @Override
  public List<Step> steps() {
    ClaimSelection claims = ClaimSelection.first(count);
    return List.of(
        StorageClassStep.single(DedicatedBucketScenario.PARAMETERS),
        BindStep.ofOneClass(count),
        new VerifyVolumeStep(),
        new BucketExistsStep(),
        new S3WriteStep(claims),
        new ProbeStep(claims, podsPerVolume),
        new VerifyObjectsStep(claims, podsPerVolume),
        new OrphanBucketsStep());
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
