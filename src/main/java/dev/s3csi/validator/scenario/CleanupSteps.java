package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.scenario.steps.AwaitVolumesGone;
import dev.s3csi.validator.scenario.steps.CleanUpBuckets;
import dev.s3csi.validator.scenario.steps.DeleteClaims;
import dev.s3csi.validator.scenario.steps.DeletePods;
import dev.s3csi.validator.scenario.steps.DeleteStorageClass;

/** The cleanup every provisioning scenario ends with, in dependency order. */
final class CleanupSteps {
  private CleanupSteps() {}

  static List<Step> standard() {
    return List.of(
        new DeletePods(), new DeleteClaims(), new AwaitVolumesGone(), new CleanUpBuckets(), new DeleteStorageClass());
  }
}
