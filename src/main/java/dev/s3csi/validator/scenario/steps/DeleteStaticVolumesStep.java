package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

/**
 * Deletes the PVs the validator created for Static mode (reclaimPolicy Retain: no driver deletes
 * them).
 */
public final class DeleteStaticVolumesStep implements Step {
  private final int volumes;

  public DeleteStaticVolumesStep(int volumes) {
    this.volumes = volumes;
  }

  @Override
  public String name() {
    return "deleteStaticVolumes";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> remaining = new ArrayList<>();
    for (int i = 0; i < volumes; i++) {
      String name = ctx.names().staticVolume(i);
      if (ctx.cluster().volume(name).isPresent()) {
        remaining.add(name);
        ctx.writer().deleteVolume(name);
      }
    }
    if (!remaining.isEmpty()) {
      return StepResult.awaiting(
          "waiting for static PV " + String.join(", ", remaining) + " to be deleted");
    }
    return StepResult.passed(
        SharedBucketClaims.isStatic(ctx) ? "deleted the static PVs" : "no static PV was created");
  }

  @Override
  public Deadline deadline() {
    return Deadline.deletion(Reason.CleanupFailed);
  }
}
