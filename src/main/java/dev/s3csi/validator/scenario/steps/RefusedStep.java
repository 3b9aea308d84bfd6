package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.WhenIgnored;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.ClaimFactory;
import dev.s3csi.validator.spec.DurationText;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidCase;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidParameterSettings;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * Creates one PVC per invalid case, of the case's StorageClass, and awaits a verdict on each (see
 * {@link CaseVerdict}): refused (a final ProvisioningFailed for the expected cause, and the PVC
 * still unbound {@code timeouts.refusalSettle} later), ignored (bound, no trace of the parameters:
 * a note, or InvalidParameterAccepted under {@code whenIgnored: Fail}) or accepted
 * (InvalidParameterAccepted). The refusal texts go into the evidence.
 */
public final class RefusedStep implements Step {
  private final List<InvalidCase> cases;
  private final WhenIgnored whenIgnored;

  public RefusedStep(InvalidParameterSettings settings) {
    this.cases = List.copyOf(settings.cases());
    this.whenIgnored = settings.whenIgnored();
  }

  @Override
  public String name() {
    return "refused";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<CaseVerdict> verdicts = verdicts(ctx);
    List<CaseVerdict.Settling> settling = of(verdicts, CaseVerdict.Settling.class);
    List<CaseVerdict.Undecided> undecided = of(verdicts, CaseVerdict.Undecided.class);
    if (!settling.isEmpty()) {
      Instant next =
          settling.stream()
              .map(CaseVerdict.Settling::settledAt)
              .min(Comparator.naturalOrder())
              .get();
      return StepResult.polling(
          "waiting for the refusal of "
              + names(settling)
              + " to settle"
              + (undecided.isEmpty() ? "" : ", and for a verdict on " + names(undecided)),
          Duration.between(ctx.now(), next).plusMillis(1));
    }
    if (!undecided.isEmpty()) {
      return StepResult.awaiting("waiting for the driver to refuse " + names(undecided));
    }
    Optional<StepResult.Failed> accepted = accepted(verdicts);
    if (accepted.isPresent()) {
      return accepted.get();
    }
    List<CaseVerdict.Refused> refused = of(verdicts, CaseVerdict.Refused.class);
    List<CaseVerdict.Ignored> ignored = of(verdicts, CaseVerdict.Ignored.class);
    refused.forEach(r -> ctx.addEvidence(r.evidence()));
    ignored.forEach(i -> ctx.addNote(Reason.InvalidParameterIgnored, i.description()));
    String settled = "PVCs unbound " + DurationText.format(ctx.spec().timeouts().refusalSettle());
    if (ignored.isEmpty()) {
      return StepResult.passed(
          cases.size()
              + " invalid configurations refused, each for its expected cause: "
              + names(refused)
              + " ("
              + settled
              + " after a final ProvisioningFailed)");
    }
    return StepResult.passed(
        refused.size()
            + " of "
            + cases.size()
            + " invalid configurations refused"
            + (refused.isEmpty() ? "" : " (" + names(refused) + "; " + settled + " after it)")
            + "; the driver ignored "
            + names(ignored)
            + " (noted as "
            + Reason.InvalidParameterIgnored
            + ")");
  }

  private List<CaseVerdict> verdicts(ScenarioContext ctx) {
    List<CaseVerdict> verdicts = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      InvalidCase invalid = cases.get(i);
      String name = ctx.names().claim(i);
      String storageClass = ctx.names().storageClass(i);
      UniqueNames.add(ctx.resources().getPvcs(), name);
      Optional<PersistentVolumeClaim> claim = ctx.cluster().claim(ctx.namespace(), name);
      if (claim.isEmpty()) {
        ctx.writer()
            .create(
                ClaimFactory.build(
                    ctx.run(), name, ctx.labels(), storageClass, invalid.accessMode()));
        verdicts.add(
            new CaseVerdict.Undecided(
                invalid.name(), CaseVerdict.Waiting.SILENT, "case " + invalid.name()));
      } else {
        verdicts.add(CaseVerdict.of(ctx, invalid, storageClass, claim.get()));
      }
    }
    return verdicts;
  }

  /**
   * A bound case decides the reason even when others are undecided: a PVC does not unbind. An
   * ignored case fails only under whenIgnored: Fail.
   */
  private Optional<StepResult.Failed> accepted(List<CaseVerdict> verdicts) {
    List<String> accepted = new ArrayList<>();
    of(verdicts, CaseVerdict.Accepted.class).forEach(a -> accepted.add(a.description()));
    if (whenIgnored == WhenIgnored.Fail) {
      of(verdicts, CaseVerdict.Ignored.class).forEach(i -> accepted.add(i.description()));
    }
    if (accepted.isEmpty()) {
      return Optional.empty();
    }
    List<CaseVerdict.Undecided> undecided = of(verdicts, CaseVerdict.Undecided.class);
    return Optional.of(
        StepResult.failed(
            Reason.InvalidParameterAccepted,
            "the driver accepted what it must refuse: "
                + String.join("; ", accepted)
                + (undecided.isEmpty() ? "" : "; no verdict yet on " + names(undecided))));
  }

  @Override
  public Deadline deadline() {
    return Deadline.refusal(Reason.ProvisioningTimeout);
  }

  /**
   * Accepted cases decide the reason; then a refusal for another cause (ProvisioningFailed); then
   * silence, retries or an unsettled refusal (ProvisioningTimeout).
   */
  @Override
  public StepResult.Failed timedOut(
      ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<CaseVerdict> verdicts = verdicts(ctx);
    Optional<StepResult.Failed> accepted = accepted(verdicts);
    if (accepted.isPresent()) {
      return accepted.get();
    }
    of(verdicts, CaseVerdict.Refused.class).forEach(r -> ctx.addEvidence(r.evidence()));
    List<CaseVerdict.Undecided> undecided = of(verdicts, CaseVerdict.Undecided.class);
    undecided.forEach(u -> ctx.addEvidence(u.detail()));
    List<CaseVerdict.Undecided> otherCause =
        undecided.stream().filter(is(CaseVerdict.Waiting.OTHER_CAUSE)).toList();
    if (!otherCause.isEmpty()) {
      return StepResult.failed(
          Reason.ProvisioningFailed,
          String.join("; ", otherCause.stream().map(CaseVerdict.Undecided::detail).toList()));
    }
    List<String> why = new ArrayList<>();
    List<CaseVerdict.Undecided> silent =
        undecided.stream().filter(is(CaseVerdict.Waiting.SILENT)).toList();
    if (!silent.isEmpty()) {
      why.add(
          "no ProvisioningFailed event and no binding for case "
              + names(silent)
              + ": is the driver's controller running?");
    }
    List<CaseVerdict.Undecided> retrying =
        undecided.stream().filter(is(CaseVerdict.Waiting.RETRYING)).toList();
    if (!retrying.isEmpty()) {
      why.add(
          "only failures external-provisioner retries for case "
              + names(retrying)
              + ": the driver never gave a final answer");
    }
    List<CaseVerdict.Settling> settling = of(verdicts, CaseVerdict.Settling.class);
    if (!settling.isEmpty()) {
      why.add(
          "the refusal of case "
              + names(settling)
              + " came too late to hold for "
              + DurationText.format(ctx.spec().timeouts().refusalSettle()));
    }
    return StepResult.failed(
        Reason.ProvisioningTimeout,
        "after " + DurationText.format(timeout) + ": " + String.join("; ", why));
  }

  private static Predicate<CaseVerdict.Undecided> is(CaseVerdict.Waiting why) {
    return u -> u.why() == why;
  }

  private static <T extends CaseVerdict> List<T> of(List<CaseVerdict> verdicts, Class<T> type) {
    return verdicts.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static String names(List<? extends CaseVerdict> verdicts) {
    return String.join(", ", verdicts.stream().map(CaseVerdict::caseName).toList());
  }
}
