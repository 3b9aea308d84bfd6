package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.ApiRequestException;
import dev.s3csi.validator.spec.DurationText;

/**
 * Awaits the driver deleting each PV of a deleted PVC, as reclaimPolicy Delete promises. A PV that
 * outlives its deadline is reported, then deleted by the validator so the run leaves nothing
 * behind.
 */
public final class VolumeReleasedStep implements Step {
  /** Where events about cluster-scoped objects such as PVs are written. */
  static final String CLUSTER_EVENTS = "default";

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
    remaining.forEach(pv -> failedDeletions(ctx, pv).forEach(ctx::addEvidence));
    List<String> existing = remaining.stream().filter(ctx.writer()::deleteVolume).toList();
    if (existing.isEmpty()) {
      return StepResult.passed("PV " + String.join(", ", ctx.resources().getPvs()) + " deleted");
    }
    // A PV keeps external-provisioner's finalizer until DeleteVolume succeeded: asked to delete
    // it, the API server may only mark it Terminating. Only what is gone is said to be deleted.
    List<String> terminating = existing.stream().filter(ctx.writer()::volumeExists).toList();
    List<String> deleted = existing.stream().filter(pv -> !terminating.contains(pv)).toList();
    return StepResult.failed(
        Reason.DeletionTimeout,
        "PV "
            + String.join(", ", existing)
            + " still existed "
            + DurationText.format(timeout)
            + " after its PVC was deleted (reclaimPolicy Delete);"
            + (deleted.isEmpty() ? "" : " the validator deleted " + String.join(", ", deleted))
            + (deleted.isEmpty() || terminating.isEmpty() ? "" : ";")
            + (terminating.isEmpty()
                ? ""
                : " the validator asked to delete "
                    + String.join(", ", terminating)
                    + ", which is Terminating: its finalizers wait for the driver's"
                    + " external-provisioner"));
  }

  /**
   * Warning events external-provisioner wrote about a PV whose DeleteVolume failed; when they
   * cannot be read, the evidence says so instead of staying silent.
   */
  private static List<String> failedDeletions(ScenarioContext ctx, String pv) {
    try {
      return ctx.cluster().eventsAbout(CLUSTER_EVENTS, "PersistentVolume", pv).stream()
          .filter(e -> "Warning".equals(e.getType()))
          .map(e -> "PV " + pv + ": " + e.getReason() + ": " + e.getMessage())
          .toList();
    } catch (ApiRequestException e) {
      return List.of("PV " + pv + ": its events could not be read: " + e.getMessage());
    }
  }
}
