package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/** Deletes the scenario's StorageClass, last, once nothing provisioned from it remains. */
public final class DeleteStorageClass implements Step {

  @Override
  public String name() {
    return "deleteStorageClass";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    String name = ctx.resources().getStorageClass();
    if (name != null && ctx.cluster().storageClass(name).isPresent()) {
      ctx.writer().deleteStorageClass(name);
      return StepResult.awaiting("waiting for StorageClass " + name + " to be deleted");
    }
    return StepResult.passed(name == null ? "no StorageClass was created" : "deleted StorageClass " + name);
  }

  @Override
  public StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    String name = ctx.resources().getStorageClass();
    return LateDeletion.confirm(List.of(name), ctx.writer()::deleteStorageClass, "StorageClass", Reason.CleanupFailed, timeout,
        "deleted StorageClass " + name);
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
