package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.engine.WarningEvents;
import dev.s3csi.validator.kube.ClaimFactory;
import dev.s3csi.validator.spec.DurationText;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/** Creates the scenario's PVCs, all at once, and awaits every one Bound to a PV. */
public final class BindStep implements Step {
  private final int count;
  private final boolean onVariants;

  private BindStep(int count, boolean onVariants) {
    this.count = count;
    this.onVariants = onVariants;
  }

  /** {@code count} PVCs of the scenario's one StorageClass. */
  public static BindStep ofOneClass(int count) {
    return new BindStep(count, false);
  }

  /** One PVC per StorageClass variant: PVC {@code i} of StorageClass {@code i}. */
  public static BindStep onePerVariant(int variants) {
    return new BindStep(variants, true);
  }

  @Override
  public String name() {
    return "bind";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = ctx.names().claim(i);
      UniqueNames.add(ctx.resources().getPvcs(), name);
      var claim = ctx.cluster().claim(ctx.namespace(), name);
      if (claim.isEmpty()) {
        String storageClass = onVariants ? ctx.names().storageClass(i) : ctx.names().storageClass();
        ctx.writer().create(ClaimFactory.build(ctx.run(), name, ctx.labels(), storageClass));
        pending.add(name);
      } else if (isBound(claim.get())) {
        UniqueNames.add(ctx.resources().getPvs(), claim.get().getSpec().getVolumeName());
      } else if ("Lost"
          .equals(claim.get().getStatus() == null ? null : claim.get().getStatus().getPhase())) {
        return StepResult.failed(
            Reason.ProvisioningFailed, "PVC " + name + " is Lost: its PV disappeared");
      } else {
        pending.add(name);
      }
    }
    if (!pending.isEmpty()) {
      return StepResult.awaiting("waiting for PVC " + String.join(", ", pending) + " to be Bound");
    }
    return StepResult.passed(
        count == 1
            ? "PVC "
                + ctx.resources().getPvcs().get(0)
                + " Bound to PV "
                + ctx.resources().getPvs().get(0)
            : count + " PVCs Bound to " + ctx.resources().getPvs().size() + " PVs");
  }

  /** The Warning ProvisioningFailed events about one PVC, formatted for messages and evidence. */
  static List<String> refusals(ScenarioContext ctx, String claim) {
    return WarningEvents.about(ctx, "PersistentVolumeClaim", claim).stream()
        .filter(line -> line.startsWith("Warning ProvisioningFailed"))
        .toList();
  }

  static boolean isBound(PersistentVolumeClaim claim) {
    return claim.getStatus() != null
        && "Bound".equals(claim.getStatus().getPhase())
        && claim.getSpec().getVolumeName() != null;
  }

  @Override
  public Deadline deadline() {
    return Deadline.bind(Reason.ProvisioningTimeout);
  }

  /**
   * A PVC that never binds is a provisioning failure when the provisioner said why (a Warning
   * ProvisioningFailed event) and a timeout when it said nothing, e.g. because it is not running.
   */
  @Override
  public StepResult.Failed timedOut(
      ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<String> refusals =
        ctx.resources().getPvcs().stream().flatMap(pvc -> refusals(ctx, pvc).stream()).toList();
    String after = " after " + DurationText.format(timeout);
    if (!refusals.isEmpty()) {
      return StepResult.failed(
          Reason.ProvisioningFailed, "provisioning failed" + after + ": " + refusals.get(0));
    }
    ctx.resources().getPvcs().stream()
        .filter(
            pvc -> ctx.cluster().claim(ctx.namespace(), pvc).filter(BindStep::isBound).isEmpty())
        .flatMap(pvc -> WarningEvents.all(ctx, "PersistentVolumeClaim", pvc).stream())
        .forEach(ctx::addEvidence);
    return StepResult.failed(
        Reason.ProvisioningTimeout,
        "still "
            + last.awaiting()
            + after
            + ", and the provisioner reported nothing: is the driver's controller running?");
  }
}
