package dev.s3csi.validator.scenario.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.kube.ClaimFactory;
import dev.s3csi.validator.spec.DurationText;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidCase;
import dev.s3csi.validator.spec.SecretParameters;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * What one case of the invalidParameters scenario has come to. A case is refused only by a final
 * failure from the provisioner, for its StorageClass and for the cause the case expects, with its
 * PVC still unbound a settling period later; a bound PVC was either ignored (none of the case's
 * driver parameters left a trace on the volume) or accepted.
 */
sealed interface CaseVerdict {
  String caseName();

  /** Refused as the case expects; {@code evidence} quotes the refusal. */
  record Refused(String caseName, String evidence) implements CaseVerdict {}

  /** Refused as the case expects, but the PVC must stay unbound until {@code settledAt}. */
  record Settling(String caseName, Instant settledAt) implements CaseVerdict {}

  /** Bound, and the volume shows no trace of the case's parameters. */
  record Ignored(String caseName, String description) implements CaseVerdict {}

  /** Bound although the driver must refuse it: an access mode, a secret, a parameter it used. */
  record Accepted(String caseName, String description) implements CaseVerdict {}

  /** Neither bound nor refused yet; {@code why} says what was seen, for a timeout's message. */
  record Undecided(String caseName, Waiting why, String detail) implements CaseVerdict {}

  enum Waiting {
    /** No failure from the provisioner at all. */
    SILENT,
    /** Only failures after which external-provisioner retries (DeadlineExceeded, …). */
    RETRYING,
    /** A final refusal, but not for the cause the case expects. */
    OTHER_CAUSE
  }

  static CaseVerdict of(
      ScenarioContext ctx, InvalidCase invalid, String storageClass, PersistentVolumeClaim claim) {
    String name = claim.getMetadata().getName();
    if (BindStep.isBound(claim)) {
      return bound(ctx, invalid, storageClass, claim);
    }
    List<ProvisioningFailure> failures =
        ProvisioningFailure.of(ctx, name, ctx.spec().provisioner(), storageClass);
    Optional<ProvisioningFailure> refusal =
        failures.stream()
            .filter(ProvisioningFailure::isFinal)
            .filter(f -> f.names(invalid.expectedCause()))
            .findFirst();
    if (refusal.isPresent()) {
      return settled(ctx, invalid, refusal.get(), failures);
    }
    Optional<ProvisioningFailure> otherCause =
        failures.stream().filter(ProvisioningFailure::isFinal).findFirst();
    if (otherCause.isPresent()) {
      return new Undecided(
          invalid.name(),
          Waiting.OTHER_CAUSE,
          "case "
              + invalid.name()
              + " was refused, but not for its expected cause '"
              + invalid.expectedCause()
              + "': "
              + otherCause.get().line());
    }
    if (!failures.isEmpty()) {
      return new Undecided(
          invalid.name(),
          Waiting.RETRYING,
          "case "
              + invalid.name()
              + ": only failures external-provisioner retries ("
              + String.join(", ", retryableCodes(failures))
              + "), last: "
              + failures.get(failures.size() - 1).line());
    }
    return new Undecided(invalid.name(), Waiting.SILENT, "case " + invalid.name());
  }

  private static CaseVerdict settled(
      ScenarioContext ctx,
      InvalidCase invalid,
      ProvisioningFailure refusal,
      List<ProvisioningFailure> failures) {
    var settle = ctx.spec().timeouts().refusalSettle();
    Instant settledAt =
        refusal.firstSeen().equals(Instant.MAX) ? Instant.MAX : refusal.firstSeen().plus(settle);
    if (ctx.now().isBefore(settledAt)) {
      return new Settling(invalid.name(), settledAt);
    }
    long retried = failures.stream().filter(f -> !f.isFinal()).count();
    return new Refused(
        invalid.name(),
        "case "
            + invalid.name()
            + " refused"
            + (invalid.expectedCause() == null
                ? ""
                : " for its expected cause '" + invalid.expectedCause() + "'")
            + ", PVC still unbound "
            + DurationText.format(settle)
            + " later: "
            + refusal.line()
            + (retried == 0
                ? ""
                : "; not counted: "
                    + retried
                    + " retryable failure"
                    + (retried == 1 ? "" : "s")
                    + " ("
                    + String.join(", ", retryableCodes(failures))
                    + ")"));
  }

  private static List<String> retryableCodes(List<ProvisioningFailure> failures) {
    return failures.stream()
        .filter(f -> !f.isFinal())
        .map(f -> f.code().orElse("?"))
        .distinct()
        .toList();
  }

  /** Records what a bound case caused (PV, bucket) so cleanup removes it, and judges it. */
  private static CaseVerdict bound(
      ScenarioContext ctx, InvalidCase invalid, String storageClass, PersistentVolumeClaim claim) {
    String volumeName = claim.getSpec().getVolumeName();
    UniqueNames.add(ctx.resources().getPvs(), volumeName);
    Optional<PersistentVolume> volume = ctx.cluster().volume(volumeName);
    String bucket = volume.map(VolumeLocation::of).map(VolumeLocation::bucket).orElse("unknown");
    volume.ifPresent(v -> UniqueNames.add(ctx.resources().getBuckets(), bucket));
    String description =
        "case "
            + invalid.name()
            + " ("
            + describe(invalid)
            + ", StorageClass "
            + storageClass
            + "): PVC "
            + claim.getMetadata().getName()
            + " was Bound to PV "
            + volumeName
            + " with bucket "
            + bucket;
    if (volume.isPresent() && ignorable(invalid) && leftNoTrace(invalid, volume.get())) {
      return new Ignored(
          invalid.name(),
          description
              + ", and the PV shows no trace of "
              + String.join(", ", new TreeMap<>(invalid.parameters()).keySet())
              + ": the driver ignored what it should have refused");
    }
    return new Accepted(invalid.name(), description);
  }

  /**
   * Only driver parameters can be ignored: an access mode or a csi.storage.k8s.io/ key is
   * external-provisioner's or the volume's business, and binding despite it is accepting it.
   */
  private static boolean ignorable(InvalidCase invalid) {
    return ClaimFactory.RWX.equals(invalid.accessMode())
        && !invalid.parameters().isEmpty()
        && invalid.parameters().keySet().stream()
            .noneMatch(k -> k.startsWith(SecretParameters.RESERVED_PREFIX));
  }

  /** A parameter leaves a trace as a volume attribute of its name or of its value. */
  private static boolean leftNoTrace(InvalidCase invalid, PersistentVolume volume) {
    Map<String, String> attributes =
        volume.getSpec().getCsi() == null || volume.getSpec().getCsi().getVolumeAttributes() == null
            ? Map.of()
            : volume.getSpec().getCsi().getVolumeAttributes();
    return invalid.parameters().entrySet().stream()
        .noneMatch(
            p -> attributes.containsKey(p.getKey()) || attributes.containsValue(p.getValue()));
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
}
