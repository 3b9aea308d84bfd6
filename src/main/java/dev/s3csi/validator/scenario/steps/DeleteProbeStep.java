package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.engine.ScenarioContext;

import io.fabric8.kubernetes.api.model.Pod;

/** Deletes the scenario's probe pods and awaits them gone, so their volumes are unmounted. */
public final class DeleteProbeStep extends DeletionStep<Pod> {

  /** As a cleanup step. */
  public DeleteProbeStep() {
    this("deleteProbe");
  }

  /** As a main step of a scenario that checks deletion itself, under its own name. */
  public DeleteProbeStep(String name) {
    super(name, "pod");
  }

  @Override
  List<String> recorded(ScenarioContext ctx) {
    return ctx.resources().getPods();
  }

  @Override
  Optional<Pod> find(ScenarioContext ctx, String name) {
    return ctx.cluster().pod(ctx.namespace(), name);
  }

  @Override
  boolean delete(ScenarioContext ctx, String name) {
    return ctx.writer().deletePod(ctx.namespace(), name);
  }

  @Override
  String passed(ScenarioContext ctx) {
    return ctx.resources().getPods().isEmpty()
        ? "no probe pod was created"
        : "deleted probe pod " + String.join(", ", ctx.resources().getPods());
  }
}
