package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.engine.ScenarioContext;

import io.fabric8.kubernetes.api.model.PersistentVolume;

/**
 * Deletes the PVs reclaimPolicy Retain kept: no driver deletes them, so the validator, as an admin
 * would, once it has checked them. Their buckets go in bucketCleanup.
 */
public final class DeleteRetainedVolumeStep extends DeletionStep<PersistentVolume> {

  public DeleteRetainedVolumeStep() {
    super("deleteRetainedVolume", "PV");
  }

  @Override
  List<String> recorded(ScenarioContext ctx) {
    return ctx.resources().getPvs();
  }

  @Override
  Optional<PersistentVolume> find(ScenarioContext ctx, String name) {
    return ctx.cluster().volume(name);
  }

  @Override
  boolean delete(ScenarioContext ctx, String name) {
    return ctx.writer().deleteVolume(name);
  }

  @Override
  String passed(ScenarioContext ctx) {
    return ctx.resources().getPvs().isEmpty()
        ? "no PV was provisioned"
        : "deleted the retained PV " + String.join(", ", ctx.resources().getPvs());
  }
}
