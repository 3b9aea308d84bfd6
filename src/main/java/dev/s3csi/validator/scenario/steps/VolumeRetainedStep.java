package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.spec.DurationText;

import io.fabric8.kubernetes.api.model.PersistentVolume;

/**
 * reclaimPolicy Retain, after the PVC is gone: each PV must be Released, and still there {@link
 * #HOLD} after this step began. A provisioner that ignores Retain deletes a Released PV on its
 * first look at it, within seconds; a PV that goes is RetainNotHonoured.
 */
public final class VolumeRetainedStep implements Step {
  /**
   * external-provisioner deletes a PV it should delete as soon as the PV controller marks it
   * Released (one sync, no backoff): five seconds see that happen even on a loaded cluster.
   */
  static final Duration HOLD = Duration.ofSeconds(5);

  private static final Duration POLL = Duration.ofSeconds(1);

  @Override
  public String name() {
    return "volumeRetained";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> notReleased = new ArrayList<>();
    for (String pv : ctx.resources().getPvs()) {
      Optional<PersistentVolume> volume = ctx.cluster().volume(pv);
      if (volume.isEmpty() || volume.get().getMetadata().getDeletionTimestamp() != null) {
        return StepResult.failed(
            Reason.RetainNotHonoured,
            "PV "
                + pv
                + (volume.isEmpty() ? " was deleted" : " is being deleted")
                + " after its PVC was, although its reclaimPolicy is Retain");
      }
      String phase = volume.get().getStatus() == null ? null : volume.get().getStatus().getPhase();
      if (!"Released".equals(phase)) {
        notReleased.add(pv + " (" + phase + ")");
      }
    }
    if (!notReleased.isEmpty()) {
      return StepResult.awaiting(
          "waiting for PV " + String.join(", ", notReleased) + " to be Released");
    }
    Instant held = ctx.stepStart(name()).plus(HOLD);
    if (ctx.now().isBefore(held)) {
      return StepResult.polling(
          "watching the Released PV " + String.join(", ", ctx.resources().getPvs()) + " stay",
          POLL);
    }
    return StepResult.passed(
        "PV "
            + String.join(", ", ctx.resources().getPvs())
            + " Released and kept "
            + DurationText.format(HOLD)
            + " after its PVC was deleted (reclaimPolicy Retain)");
  }

  @Override
  public Deadline deadline() {
    return Deadline.deletion(Reason.RetainNotHonoured);
  }
}
