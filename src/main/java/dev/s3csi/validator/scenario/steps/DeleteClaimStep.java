package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.engine.ScenarioContext;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/** Deletes the scenario's PVCs and awaits them gone; their PVs are the driver's to delete. */
public final class DeleteClaimStep extends DeletionStep<PersistentVolumeClaim> {

  /** As a cleanup step. */
  public DeleteClaimStep() {
    this("deleteClaim");
  }

  /** As a main step of a scenario that checks deletion itself, under its own name. */
  public DeleteClaimStep(String name) {
    super(name, "PVC");
  }

  @Override
  List<String> recorded(ScenarioContext ctx) {
    return ctx.resources().getPvcs();
  }

  @Override
  Optional<PersistentVolumeClaim> find(ScenarioContext ctx, String name) {
    return ctx.cluster().claim(ctx.namespace(), name);
  }

  @Override
  boolean delete(ScenarioContext ctx, String name) {
    return ctx.writer().deleteClaim(ctx.namespace(), name);
  }

  /**
   * Records the PV of a claim about to go, and its own bucket: a claim that bound after its step
   * gave up was never verified, yet its bucket is the run's to clean up once the driver is done.
   */
  @Override
  void beforeDeletion(ScenarioContext ctx, PersistentVolumeClaim claim) {
    String volumeName = claim.getSpec().getVolumeName();
    if (volumeName == null) {
      return;
    }
    ctx.cluster()
        .volume(volumeName)
        .ifPresent(
            volume -> {
              UniqueNames.add(ctx.resources().getPvs(), volumeName);
              VolumeLocation.of(volume)
                  .ownBucket(EnsureBucketStep.sharedBucket(ctx))
                  .ifPresent(bucket -> UniqueNames.add(ctx.resources().getBuckets(), bucket));
            });
  }

  @Override
  String passed(ScenarioContext ctx) {
    return "deleted PVC " + String.join(", ", ctx.resources().getPvcs());
  }
}
