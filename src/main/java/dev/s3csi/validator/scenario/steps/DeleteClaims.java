package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/** Deletes the scenario's PVCs and awaits them gone; their PVs are the driver's to delete. */
public final class DeleteClaims implements Step {
  private final String name;

  /** As a cleanup step. */
  public DeleteClaims() {
    this("deleteClaim");
  }

  /** As a main step of a scenario that checks deletion itself, under its own name. */
  public DeleteClaims(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> remaining = new ArrayList<>();
    for (String name : ctx.resources().getPvcs()) {
      ctx.cluster().claim(ctx.namespace(), name).ifPresent(claim -> {
        remaining.add(name);
        if (claim.getMetadata().getDeletionTimestamp() == null) {
          recordVolume(ctx, claim.getSpec().getVolumeName());
          ctx.writer().deleteClaim(ctx.namespace(), name);
        }
      });
    }
    if (!remaining.isEmpty()) {
      return StepResult.awaiting("waiting for PVC " + String.join(", ", remaining) + " to be deleted");
    }
    return StepResult.passed(passed(ctx));
  }

  /**
   * Records the PV of a claim about to go, and its own bucket: a claim that bound after its step
   * gave up was never verified, yet its bucket is the run's to clean up once the driver is done.
   */
  private static void recordVolume(ScenarioContext ctx, String volumeName) {
    if (volumeName == null) {
      return;
    }
    ctx.cluster().volume(volumeName).ifPresent(volume -> {
      Recorded.add(ctx.resources().getPvs(), volumeName);
      OwnBuckets.of(volume, EnsureSharedBucket.bucket(ctx)).ifPresent(bucket -> Recorded.add(ctx.resources().getBuckets(), bucket));
    });
  }

  private static String passed(ScenarioContext ctx) {
    return "deleted PVC " + String.join(", ", ctx.resources().getPvcs());
  }

  @Override
  public StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<String> remaining = ctx.resources().getPvcs().stream().filter(n -> ctx.cluster().claim(ctx.namespace(), n).isPresent()).toList();
    return LateDeletion.confirm(remaining, n -> ctx.writer().deleteClaim(ctx.namespace(), n), "PVC", Reason.CleanupFailed, timeout, passed(ctx));
  }

  @Override
  public Duration timeout(StepTimeouts timeouts) {
    return timeouts.deletion();
  }

  @Override
  public Reason timeoutReason() {
    return Reason.CleanupFailed;
  }
}
