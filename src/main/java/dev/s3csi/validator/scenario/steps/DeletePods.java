package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

import io.fabric8.kubernetes.api.model.Pod;

/** Deletes the scenario's probe pods and awaits them gone, so their volumes are unmounted. */
public final class DeletePods implements Step {
  private final String name;

  /** As a cleanup step. */
  public DeletePods() {
    this("deleteProbe");
  }

  /** As a main step of a scenario that checks deletion itself, under its own name. */
  public DeletePods(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> remaining = new ArrayList<>();
    for (String name : ctx.resources().getPods()) {
      ctx.cluster().pod(ctx.namespace(), name).ifPresent(pod -> {
        remaining.add(name);
        if (!isDeleting(pod)) {
          ctx.writer().deletePod(ctx.namespace(), name);
        }
      });
    }
    if (!remaining.isEmpty()) {
      return StepResult.awaiting("waiting for pod " + String.join(", ", remaining) + " to be deleted");
    }
    return StepResult.passed(passed(ctx));
  }

  private static String passed(ScenarioContext ctx) {
    return ctx.resources().getPods().isEmpty() ? "no probe pod was created"
        : "deleted probe pod " + String.join(", ", ctx.resources().getPods());
  }

  @Override
  public StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<String> remaining = ctx.resources().getPods().stream().filter(n -> ctx.cluster().pod(ctx.namespace(), n).isPresent()).toList();
    return LateDeletion.confirm(remaining, n -> ctx.writer().deletePod(ctx.namespace(), n), "pod", Reason.CleanupFailed, timeout, passed(ctx));
  }

  private static boolean isDeleting(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
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
