package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/** Deletes the scenario's StorageClasses, last, once nothing provisioned from them remains. */
public final class DeleteStorageClass implements Step {

  @Override
  public String name() {
    return "deleteStorageClass";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> names = ctx.resources().getStorageClasses();
    List<String> remaining = names.stream().filter(name -> ctx.cluster().storageClass(name).isPresent()).toList();
    if (!remaining.isEmpty()) {
      remaining.forEach(ctx.writer()::deleteStorageClass);
      return StepResult.awaiting("waiting for StorageClass " + String.join(", ", remaining) + " to be deleted");
    }
    return StepResult.passed(names.isEmpty() ? "no StorageClass was created" : "deleted StorageClass " + String.join(", ", names));
  }

  @Override
  public StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<String> names = ctx.resources().getStorageClasses();
    List<String> remaining = names.stream().filter(name -> ctx.cluster().storageClass(name).isPresent()).toList();
    return LateDeletion.confirm(remaining, ctx.writer()::deleteStorageClass, "StorageClass", Reason.CleanupFailed, timeout,
        "deleted StorageClass " + String.join(", ", names));
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
