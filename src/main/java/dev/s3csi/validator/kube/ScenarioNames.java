package dev.s3csi.validator.kube;

import java.util.Locale;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;

/**
 * Deterministic names of a scenario's objects, derived from the run's UID: a restarted operator
 * computes the same names and re-adopts what it created instead of creating twins.
 */
public record ScenarioNames(String prefix) {
  /**
   * What every name of every run starts with: how the operator tells its own PVs and the Events
   * about its own objects from the cluster's others, which carry no label of ours.
   */
  public static final String PREFIX = "pval-";

  private static final int RUN_ID_LENGTH = 8;

  public static ScenarioNames of(ProvisioningValidation run, ScenarioName scenario) {
    return new ScenarioNames(runPrefix(run) + scenario.shortName());
  }

  /**
   * What every name of the run starts with, StorageClass names included: how a PV, which carries no
   * labels of ours, is traced back to its run through {@code spec.storageClassName}.
   */
  public static String runPrefix(ProvisioningValidation run) {
    String uid = run.getMetadata().getUid().replace("-", "").toLowerCase(Locale.ROOT);
    // The tail of the UID: random in a real cluster, and distinct in the mock API server, whose
    // UIDs share their leading zeros.
    return PREFIX + uid.substring(Math.max(0, uid.length() - RUN_ID_LENGTH)) + "-";
  }

  public String storageClass() {
    return prefix;
  }

  /** The StorageClass of variant {@code index}, for scenarios that try several configurations. */
  public String storageClass(int index) {
    return prefix + "-" + index;
  }

  /** The bucket the sharedBucket scenario creates when the spec names none. */
  public String sharedBucket() {
    return prefix;
  }

  /** A PV the validator creates itself (static provisioning), and the PVC bound to it. */
  public String staticVolume(int index) {
    return prefix + "-static-" + index;
  }

  public String claim(int index) {
    return prefix + "-" + index;
  }

  public String probePod(int index) {
    return prefix + "-probe-" + index;
  }
}
