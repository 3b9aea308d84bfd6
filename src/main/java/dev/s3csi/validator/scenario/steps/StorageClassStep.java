package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.StorageClassFactory;

/**
 * Creates the scenario's StorageClasses: one named after the scenario, or, for scenarios that try
 * several configurations, one per variant named {@code <scenario>-<index>}.
 */
public final class StorageClassStep implements Step {
  private final Function<ScenarioContext, List<StorageClassVariant>> variants;
  private final boolean indexed;

  private StorageClassStep(
      Function<ScenarioContext, List<StorageClassVariant>> variants, boolean indexed) {
    this.variants = variants;
    this.indexed = indexed;
  }

  public static StorageClassStep single(Map<String, String> parameters) {
    return single(ctx -> parameters);
  }

  /** One StorageClass of a variant: parameters and more, such as its reclaim policy. */
  public static StorageClassStep single(StorageClassVariant variant) {
    return new StorageClassStep(ctx -> List.of(variant), false);
  }

  /** One StorageClass whose parameters depend on the run, e.g. the bucket it names. */
  public static StorageClassStep single(Function<ScenarioContext, Map<String, String>> parameters) {
    return new StorageClassStep(
        ctx -> List.of(StorageClassVariant.of(parameters.apply(ctx))), false);
  }

  public static StorageClassStep variants(List<StorageClassVariant> variants) {
    List<StorageClassVariant> copy = List.copyOf(variants);
    return new StorageClassStep(ctx -> copy, true);
  }

  @Override
  public String name() {
    return "storageClass";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> names = new ArrayList<>();
    List<StorageClassVariant> all = variants.apply(ctx);
    for (int i = 0; i < all.size(); i++) {
      String name = indexed ? ctx.names().storageClass(i) : ctx.names().storageClass();
      StorageClassVariant variant = all.get(i);
      UniqueNames.add(ctx.resources().getStorageClasses(), name);
      if (ctx.cluster().storageClass(name).isEmpty()) {
        ctx.writer()
            .create(
                StorageClassFactory.build(
                    name,
                    ctx.labels(),
                    ctx.annotations(),
                    ctx.spec(),
                    variant.parameters(),
                    variant.mountOptions(),
                    variant.reclaimPolicy(),
                    variant.volumeBindingMode()));
      }
      names.add(name);
    }
    return StepResult.passed(
        "StorageClass "
            + String.join(", ", names)
            + " with provisioner "
            + ctx.spec().provisioner());
  }

  @Override
  public Deadline deadline() {
    return Deadline.bind(Reason.ProvisioningFailed);
  }
}
