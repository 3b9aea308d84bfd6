package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.kube.StorageClassFactory;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/** Creates the scenario's StorageClass with the parameters and mount options the scenario needs. */
public final class CreateStorageClass implements Step {
  private final Map<String, String> parameters;
  private final List<String> mountOptions;

  public CreateStorageClass(Map<String, String> parameters, List<String> mountOptions) {
    this.parameters = Map.copyOf(parameters);
    this.mountOptions = List.copyOf(mountOptions);
  }

  @Override
  public String name() {
    return "storageClass";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    String name = ctx.names().storageClass();
    ctx.resources().setStorageClass(name);
    if (ctx.cluster().storageClass(name).isEmpty()) {
      ctx.writer().create(StorageClassFactory.build(name, ctx.labels(), ctx.spec(), parameters, mountOptions));
    }
    return StepResult.passed("StorageClass " + name + " with provisioner " + ctx.spec().provisioner());
  }

  @Override
  public Duration timeout(StepTimeouts timeouts) {
    return timeouts.bind();
  }

  @Override
  public Reason timeoutReason() {
    return Reason.ProvisioningFailed;
  }
}
