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

  public static Map<String, String> of(ProvisioningValidation run, ScenarioName scenario) {
    return Map.of(
        MANAGED_BY, MANAGER,
        RUN, run.getMetadata().getName(),
        RUN_NAMESPACE, run.getMetadata().getNamespace(),
        RUN_UID, run.getMetadata().getUid(),
        SCENARIO, scenario.wireName());
  }

  /** The run an object belongs to, as (namespace, name), if it carries the run labels. */
  public static Optional<RunRef> runOf(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels == null || !MANAGER.equals(labels.get(MANAGED_BY)) || labels.get(RUN) == null) {
      return Optional.empty();
    }
    String namespace = labels.getOrDefault(RUN_NAMESPACE, object.getMetadata().getNamespace());
    return Optional.of(new RunRef(namespace, labels.get(RUN), labels.get(RUN_UID)));
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
