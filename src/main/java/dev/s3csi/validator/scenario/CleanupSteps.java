package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.BucketCleanupStep;
import dev.s3csi.validator.scenario.steps.DeleteClaimStep;
import dev.s3csi.validator.scenario.steps.DeleteProbeStep;
import dev.s3csi.validator.scenario.steps.DeleteStaticVolumesStep;
import dev.s3csi.validator.scenario.steps.DeleteStorageClassStep;
import dev.s3csi.validator.scenario.steps.PrefixCleanupStep;
import dev.s3csi.validator.scenario.steps.VolumeReleasedStep;

/** The cleanup every provisioning scenario ends with, in dependency order. */
final class CleanupSteps {
  private CleanupSteps() {}

  static List<Step> standard() {
    return List.of(
        new DeleteProbeStep(),
        new DeleteClaimStep(),
        new VolumeReleasedStep(),
        new BucketCleanupStep(),
        new DeleteStorageClassStep());
  }

  /**
   * For a bucket shared with others: the validator's own PVs go, and only the objects under its
   * prefixes.
   */
  static List<Step> sharedBucket(int volumes) {
    return List.of(
        new DeleteProbeStep(),
        new DeleteClaimStep(),
        new DeleteStaticVolumesStep(volumes),
        new VolumeReleasedStep(),
        new PrefixCleanupStep(),
        new BucketCleanupStep(),
        new DeleteStorageClassStep());
  }
}
