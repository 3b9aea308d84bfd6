package dev.s3csi.validator.scenario.steps;

import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

/**
 * Creates the probe pods before their PVCs are bound: they are the first consumers that a
 * WaitForFirstConsumer StorageClass waits for. Scheduling a pod selects its node, and only then is
 * the volume provisioned; the {@code probe} step later awaits these same pods' results.
 */
public final class ConsumerPodStep implements Step {
  private final ProbeStep probe;

  public ConsumerPodStep(ProbeStep probe) {
    this.probe = probe;
  }

  @Override
  public String name() {
    return "consumerPod";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> pods = probe.createConsumers(ctx);
    return StepResult.passed(
        "probe pod "
            + String.join(", ", pods)
            + " created as the first consumer of PVC "
            + String.join(", ", ctx.resources().getPvcs()));
  }

  @Override
  public Deadline deadline() {
    return Deadline.podReady(Reason.ProbeFailed);
  }
}
