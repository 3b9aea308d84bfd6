package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.ClaimFactory;
import dev.s3csi.validator.spec.DurationText;

/**
 * volumeBindingMode WaitForFirstConsumer: creates the PVC, and watches it stay Pending while no pod
 * uses it, for {@code timeouts.refusalSettle} (30 s by default: the hold of the Scality driver's
 * own e2e test, advanced_patterns.go). A PVC bound meanwhile had its volume, and its bucket,
 * provisioned before any consumer existed: BoundWithoutConsumer.
 */
public final class PendingWithoutConsumerStep implements Step {
  private static final Duration POLL = Duration.ofSeconds(1);

  @Override
  public String name() {
    return "pendingWithoutConsumer";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    String name = ctx.names().claim(0);
    UniqueNames.add(ctx.resources().getPvcs(), name);
    var claim = ctx.cluster().claim(ctx.namespace(), name);
    if (claim.isEmpty()) {
      ctx.writer()
          .create(ClaimFactory.build(ctx.run(), name, ctx.labels(), ctx.names().storageClass()));
      return StepResult.awaiting("waiting for PVC " + name + " to be created");
    }
    if (claim.get().getSpec().getVolumeName() != null) {
      String pv = claim.get().getSpec().getVolumeName();
      UniqueNames.add(ctx.resources().getPvs(), pv);
      return StepResult.failed(
          Reason.BoundWithoutConsumer,
          "PVC "
              + name
              + " was bound to PV "
              + pv
              + " while no pod used it, although its StorageClass's volumeBindingMode is"
              + " WaitForFirstConsumer: the volume (and its bucket) was provisioned before a"
              + " consumer existed");
    }
    Duration hold = ctx.spec().timeouts().refusalSettle();
    Instant held = ctx.stepStart(name()).plus(hold);
    if (ctx.now().isBefore(held)) {
      return StepResult.polling(
          "watching PVC " + name + " stay Pending while no pod uses it", POLL);
    }
    return StepResult.passed(
        "PVC "
            + name
            + " still Pending "
            + DurationText.format(hold)
            + " after it was created, with no pod using it (WaitForFirstConsumer)");
  }

  /** The PVC is created at once; the step then holds for the settling period. */
  @Override
  public Deadline deadline() {
    return Deadline.refusal(Reason.ProvisioningTimeout);
  }
}
