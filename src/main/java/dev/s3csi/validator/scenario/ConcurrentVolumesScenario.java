package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BindClaims;
import dev.s3csi.validator.scenario.steps.BucketsExist;
import dev.s3csi.validator.scenario.steps.ClaimSelection;
import dev.s3csi.validator.scenario.steps.CreateStorageClass;
import dev.s3csi.validator.scenario.steps.NoOrphanBuckets;
import dev.s3csi.validator.scenario.steps.RunProbes;
import dev.s3csi.validator.scenario.steps.VerifyObjects;
import dev.s3csi.validator.scenario.steps.VerifyVolumes;
import dev.s3csi.validator.scenario.steps.WriteThroughS3;

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
        CreateStorageClass.single(DedicatedBucketScenario.PARAMETERS),
        BindClaims.ofOneClass(count),
        new VerifyVolumes(),
        new BucketsExist(),
        new WriteThroughS3(claims),
        new RunProbes(claims, podsPerVolume),
        new VerifyObjects(claims, podsPerVolume),
        new NoOrphanBuckets());
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
