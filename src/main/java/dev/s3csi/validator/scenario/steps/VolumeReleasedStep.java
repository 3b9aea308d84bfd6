package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.spec.DurationText;

/**
 * Awaits the driver deleting each PV of a deleted PVC, as reclaimPolicy Delete promises. A PV that
 * outlives its deadline is reported, then deleted by the validator so the run leaves nothing
 * behind.
 */
public final class VolumeReleasedStep implements Step {
  private final String name;

  /** As a cleanup step. */
  public VolumeReleasedStep() {
    this("volumeReleased");
  }

  /** As a main step of a scenario that checks deletion itself, under its own name. */
  public VolumeReleasedStep(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    // Asked with a GET, not a DELETE: deleting the PV is the driver's job, which this step checks.
    List<String> remaining =
        CacheCheck.remaining(ctx, name, remaining(ctx), ctx.writer()::volumeExists);
    if (!remaining.isEmpty()) {
      return CacheCheck.waiting(
          ctx,
          name,
          "waiting for PV " + String.join(", ", remaining) + " to be deleted by the driver");
    }
    if (ctx.resources().getPvs().isEmpty()) {
      return StepResult.passed("no PV was provisioned");
    }
    return StepResult.passed("PV " + String.join(", ", ctx.resources().getPvs()) + " deleted");
  }

  private static List<String> remaining(ScenarioContext ctx) {
    return ctx.resources().getPvs().stream()
        .filter(pv -> ctx.cluster().volume(pv).isPresent())
        .toList();
  }

  @Override
  public Deadline deadline() {
    return Deadline.deletion(Reason.DeletionTimeout);
  }

  /** PVs the API server no longer has were deleted in time; only the cache saw it late. */
  @Override
  public StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<String> remaining = remaining(ctx);
    remaining.forEach(
        pv ->
            ctx.cluster()
                .volume(pv)
                .ifPresent(
                    v ->
                        ctx.addEvidence(
                            "PV "
                                + pv
                                + ": phase "
                                + (v.getStatus() == null ? null : v.getStatus().getPhase())
                                + ", finalizers "
                                + v.getMetadata().getFinalizers()
                                + ", deletionTimestamp "
                                + v.getMetadata().getDeletionTimestamp())));
    List<String> existing = remaining.stream().filter(ctx.writer()::deleteVolume).toList();
    if (existing.isEmpty()) {
      return StepResult.passed("PV " + String.join(", ", ctx.resources().getPvs()) + " deleted");
    }
    return StepResult.failed(
        Reason.DeletionTimeout,
        "PV "
            + String.join(", ", existing)
            + " still existed "
            + DurationText.format(timeout)
            + " after its PVC was deleted (reclaimPolicy Delete);"
            + " the validator deleted it");
  }
}
