package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

/**
 * Deletes, through S3, every object of one volume, so that deleting its PVC must delete its bucket.
 */
public final class EmptyVolumeStep implements Step {
  private final int claim;

  public EmptyVolumeStep(int claim) {
    this.claim = claim;
  }

  @Override
  public String name() {
    return "emptyVolume";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    String claimName = ctx.names().claim(claim);
    Optional<List<VolumeLocation>> location = ClaimVolumes.locations(ctx, List.of(claimName));
    if (location.isEmpty()) {
      return StepResult.awaiting("waiting for the PV of PVC " + claimName);
    }
    VolumeLocation volume = location.get().get(0);
    int deleted = ctx.s3().deleteObjects(volume.bucket(), volume.prefix());
    return StepResult.passed(
        "deleted "
            + deleted
            + " objects from bucket "
            + volume.where()
            + " of PVC "
            + claimName
            + " through S3: the emptied volume");
  }

  @Override
  public Deadline deadline() {
    return Deadline.objectVisible(Reason.S3Unavailable);
  }
}
