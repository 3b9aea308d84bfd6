package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

import io.fabric8.kubernetes.api.model.PersistentVolume;

/**
 * Checks that each variant's PV carries the StorageClass's mount options (what mountpoint-s3 will
 * be started with), and notes each parameter that left no trace on the PV: a driver that ignores a
 * parameter silently must still be reported.
 */
public final class MountOptionsStep implements Step {
  private final List<StorageClassVariant> variants;

  public MountOptionsStep(List<StorageClassVariant> variants) {
    this.variants = List.copyOf(variants);
  }

  @Override
  public String name() {
    return "mountOptions";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> problems = new ArrayList<>();
    List<String> applied = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      String claim = ctx.names().claim(i);
      Optional<PersistentVolume> volume = ClaimVolumes.volume(ctx, claim);
      if (volume.isEmpty()) {
        return StepResult.awaiting("waiting for the PV of PVC " + claim);
      }
      StorageClassVariant variant = variants.get(i);
      PersistentVolume pv = volume.get();
      List<String> options =
          pv.getSpec().getMountOptions() == null ? List.of() : pv.getSpec().getMountOptions();
      List<String> missing =
          variant.mountOptions().stream().filter(o -> !options.contains(o)).toList();
      String where =
          "PV " + pv.getMetadata().getName() + " of StorageClass " + ctx.names().storageClass(i);
      if (missing.isEmpty()) {
        applied.add(where + ": " + String.join(", ", variant.mountOptions()));
      } else {
        problems.add(
            where
                + " lacks mount option "
                + String.join(", ", missing)
                + " (PV has "
                + options
                + ")");
        ctx.addEvidence(
            where
                + ": spec.mountOptions="
                + options
                + ", StorageClass mountOptions="
                + ctx.cluster()
                    .storageClass(ctx.names().storageClass(i))
                    .map(sc -> String.valueOf(sc.getMountOptions()))
                    .orElse("?"));
      }
      noteIgnoredParameters(ctx, variant, pv, where);
    }
    if (!problems.isEmpty()) {
      return StepResult.failed(Reason.MountOptionsNotApplied, String.join("; ", problems));
    }
    return StepResult.passed("mount options on the PVs: " + String.join("; ", applied));
  }

  private static void noteIgnoredParameters(
      ScenarioContext ctx, StorageClassVariant variant, PersistentVolume pv, String where) {
    Map<String, String> attributes =
        pv.getSpec().getCsi() == null || pv.getSpec().getCsi().getVolumeAttributes() == null
            ? Map.of()
            : pv.getSpec().getCsi().getVolumeAttributes();
    variant
        .parameterTraces()
        .forEach(
            (parameter, attribute) -> {
              String value = variant.parameters().get(parameter);
              if (!value.equals(attributes.get(attribute))) {
                ctx.addNote(
                    Reason.ParametersIgnored,
                    "StorageClass parameter "
                        + parameter
                        + "="
                        + value
                        + " left no trace on "
                        + where
                        + " (no volumeAttributes."
                        + attribute
                        + "="
                        + value
                        + "): the driver ignored it; only a mount option applies it");
              }
            });
  }

  @Override
  public Deadline deadline() {
    return Deadline.bind(Reason.MountOptionsNotApplied);
  }
}
