package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.AwaitVolumesGone;
import dev.s3csi.validator.scenario.steps.CleanUpBuckets;
import dev.s3csi.validator.scenario.steps.CleanUpPrefixes;
import dev.s3csi.validator.scenario.steps.DeleteClaims;
import dev.s3csi.validator.scenario.steps.DeletePods;
import dev.s3csi.validator.scenario.steps.DeleteStaticVolumes;
import dev.s3csi.validator.scenario.steps.DeleteStorageClass;

/** The cleanup every provisioning scenario ends with, in dependency order. */
final class CleanupSteps {
  private CleanupSteps() {}

  static List<Step> standard() {
    return List.of(
        new DeletePods(), new DeleteClaims(), new AwaitVolumesGone(), new CleanUpBuckets(), new DeleteStorageClass());
  }

  /** For a bucket shared with others: the validator's own PVs go, and only the objects under its prefixes. */
  static List<Step> sharedBucket(int volumes) {
    return List.of(new DeletePods(), new DeleteClaims(), new DeleteStaticVolumes(volumes), new AwaitVolumesGone(),
        new CleanUpPrefixes(), new CleanUpBuckets(), new DeleteStorageClass());
  }
}
