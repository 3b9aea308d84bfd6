package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.ClaimFactory;
import dev.s3csi.validator.spec.DurationText;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidCase;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * Creates one PVC per invalid case, of the case's StorageClass, and awaits the driver's verdict on
 * each: a Warning ProvisioningFailed event while the PVC stays Pending (refused, as it must be), or
 * a binding (accepted: the scenario fails with InvalidParameterAccepted, naming the case's
 * parameters and the bucket it got). The refusal texts go into the evidence either way.
 */
public final class RefusedStep implements Step {
  private final List<InvalidCase> cases;

  public RefusedStep(List<InvalidCase> cases) {
    this.cases = List.copyOf(cases);
  }

  @Override
  public String name() {
    return "refused";
  }

  private record Verdicts(List<String> refused, List<String> accepted, List<String> undecided) {}

  @Override
  public StepResult run(ScenarioContext ctx) {
    Verdicts verdicts = verdicts(ctx);
    if (!verdicts.undecided().isEmpty()) {
      return StepResult.awaiting(
          "waiting for the driver to refuse " + String.join(", ", verdicts.undecided()));
    }
    if (!verdicts.accepted().isEmpty()) {
      return StepResult.failed(Reason.InvalidParameterAccepted, acceptedMessage(verdicts));
    }
    return StepResult.passed(
        cases.size()
            + " invalid configurations refused: "
            + cases.stream().map(InvalidCase::name).collect(Collectors.joining(", "))
            + " (ProvisioningFailed; PVCs Pending)");
  }

  private Verdicts verdicts(ScenarioContext ctx) {
    List<String> refused = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      InvalidCase invalid = cases.get(i);
      String name = ctx.names().claim(i);
      UniqueNames.add(ctx.resources().getPvcs(), name);
      Optional<PersistentVolumeClaim> claim = ctx.cluster().claim(ctx.namespace(), name);
      if (claim.isEmpty()) {
        ctx.writer()
            .create(
                ClaimFactory.build(
                    ctx.run(),
                    name,
                    ctx.labels(),
                    ctx.names().storageClass(i),
                    invalid.accessMode()));
        undecided.add(invalid.name());
        continue;
      }
      if (BindStep.isBound(claim.get())) {
        accepted.add(accepted(ctx, invalid, i, claim.get()));
        continue;
      }
      List<String> refusals = BindStep.refusals(ctx, name);
      if (refusals.isEmpty()) {
        undecided.add(invalid.name());
      } else {
        ctx.addEvidence("case " + invalid.name() + ": " + refusals.get(0));
        refused.add(invalid.name());
      }
    }
    return new Verdicts(refused, accepted, undecided);
  }

  /** Describes an accepted case and records what it caused (PV, bucket) so cleanup removes it. */
  private static String accepted(
      ScenarioContext ctx, InvalidCase invalid, int index, PersistentVolumeClaim claim) {
    String volumeName = claim.getSpec().getVolumeName();
    UniqueNames.add(ctx.resources().getPvs(), volumeName);
    Optional<PersistentVolume> volume = ctx.cluster().volume(volumeName);
    String bucket = volume.map(VolumeLocation::of).map(VolumeLocation::bucket).orElse("unknown");
    volume.ifPresent(v -> UniqueNames.add(ctx.resources().getBuckets(), bucket));
    return "case "
        + invalid.name()
        + " ("
        + describe(invalid)
        + ", StorageClass "
        + ctx.names().storageClass(index)
        + "): PVC "
        + claim.getMetadata().getName()
        + " was Bound to PV "
        + volumeName
        + " with bucket "
        + bucket;
  }

  static String describe(InvalidCase invalid) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> parameter : new TreeMap<>(invalid.parameters()).entrySet()) {
      parts.add(parameter.getKey() + "=" + parameter.getValue());
    }
    if (!ClaimFactory.RWX.equals(invalid.accessMode())) {
      parts.add("accessModes=[" + invalid.accessMode() + "]");
    }
    return parts.isEmpty() ? "no parameters" : String.join(", ", parts);
  }

  private static String acceptedMessage(Verdicts verdicts) {
    String undecided =
        verdicts.undecided().isEmpty()
            ? ""
            : "; no verdict yet on " + String.join(", ", verdicts.undecided());
    return "the driver accepted what it must refuse: "
        + String.join("; ", verdicts.accepted())
        + undecided;
  }

  @Override
  public Deadline deadline() {
    return Deadline.bind(Reason.ProvisioningTimeout);
  }

  /**
   * Accepted cases decide the reason even when others are still undecided; silence alone is a
   * timeout.
   */
  @Override
  public StepResult.Failed timedOut(
      ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    Verdicts verdicts = verdicts(ctx);
    if (!verdicts.accepted().isEmpty()) {
      return StepResult.failed(Reason.InvalidParameterAccepted, acceptedMessage(verdicts));
    }
    return StepResult.failed(
        Reason.ProvisioningTimeout,
        "no ProvisioningFailed event and no binding after "
            + DurationText.format(timeout)
            + " for case "
            + String.join(", ", verdicts.undecided())
            + ": is the driver's controller running?");
  }
}
