package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.engine.ScenarioContext;

import io.fabric8.kubernetes.api.model.storage.StorageClass;

/** Deletes the scenario's StorageClasses, last, once nothing provisioned from them remains. */
public final class DeleteStorageClassStep extends DeletionStep<StorageClass> {

  public DeleteStorageClassStep() {
    super("deleteStorageClass", "StorageClass");
  }

  @Override
  List<String> recorded(ScenarioContext ctx) {
    return ctx.resources().getStorageClasses();
  }

  @Override
  Optional<StorageClass> find(ScenarioContext ctx, String name) {
    return ctx.cluster().storageClass(name);
  }

  @Override
  boolean delete(ScenarioContext ctx, String name) {
    return ctx.writer().deleteStorageClass(name);
  }

  @Override
  String passed(ScenarioContext ctx) {
    List<String> names = ctx.resources().getStorageClasses();
    return names.isEmpty()
        ? "no StorageClass was created"
        : "deleted StorageClass " + String.join(", ", names);
  }
}
