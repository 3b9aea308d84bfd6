package dev.s3csi.validator.kube;

import java.util.Map;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Labels on every object a run creates. They tie the object to its run (for event mapping,
 * re-adoption after a restart, cleanup and audit) without relying on owner references, which a
 * cluster-scoped StorageClass cannot have.
 */
public final class RunLabels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "provisioning-validator";
  public static final String RUN = ProvisioningValidation.GROUP + "/run";
  public static final String RUN_NAMESPACE = ProvisioningValidation.GROUP + "/run-namespace";
  public static final String SCENARIO = ProvisioningValidation.GROUP + "/scenario";

  /** Tells a run from an earlier run of the same name: what the startup sweep goes by. */
  public static final String RUN_UID = ProvisioningValidation.GROUP + "/run-uid";

  /** Selects everything any run created: what the operator's informers watch. */
  public static final String SELECTOR = MANAGED_BY + "=" + MANAGER;

  private RunLabels() {}

  /**
   * The labels of an object of the run's scenario. A label value has at most 63 characters and a
   * run's name up to 253: the {@link #RUN} label holds the name {@link LabelValues#bounded
   * bounded}, the annotation of the same key ({@link #annotations}) the name itself.
   */
  public static Map<String, String> of(ProvisioningValidation run, ScenarioName scenario) {
    return Map.of(
        MANAGED_BY, MANAGER,
        RUN, LabelValues.bounded(run.getMetadata().getName()),
        RUN_NAMESPACE, run.getMetadata().getNamespace(),
        RUN_UID, run.getMetadata().getUid(),
        SCENARIO, scenario.wireName());
  }

  /** The annotations of every object of the run: its name, whole. */
  public static Map<String, String> annotations(ProvisioningValidation run) {
    return Map.of(RUN, run.getMetadata().getName());
  }

  /**
   * The run an object belongs to, as (namespace, name), if it carries the run labels; the name from
   * the annotation where there is one (the label may hold it bounded).
   */
  public static Optional<RunRef> runOf(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels == null || !MANAGER.equals(labels.get(MANAGED_BY)) || labels.get(RUN) == null) {
      return Optional.empty();
    }
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String name =
        annotations != null && annotations.get(RUN) != null
            ? annotations.get(RUN)
            : labels.get(RUN);
    String namespace = labels.getOrDefault(RUN_NAMESPACE, object.getMetadata().getNamespace());
    return Optional.of(new RunRef(namespace, name, labels.get(RUN_UID)));
  }

  /** Whether the object was created by this very run (not by an earlier run of the same name). */
  public static boolean belongsTo(HasMetadata object, ProvisioningValidation run) {
    return runOf(object)
        .filter(
            ref ->
                ref.namespace().equals(run.getMetadata().getNamespace())
                    && ref.name().equals(run.getMetadata().getName())
                    && (ref.uid() == null || ref.uid().equals(run.getMetadata().getUid())))
        .isPresent();
  }

  /**
   * @param uid null on objects labelled before the UID label existed
   */
  public record RunRef(String namespace, String name, String uid) {}
}
