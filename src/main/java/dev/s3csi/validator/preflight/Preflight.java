package dev.s3csi.validator.preflight;

import java.util.Map;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.s3.CredentialsSecret;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3UnavailableException;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.InvalidSpecException;
import dev.s3csi.validator.spec.SecretParameters;
import dev.s3csi.validator.spec.SecretParameters.Reference;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What must hold before any scenario creates anything, checked once at the start of a run so that a
 * broken precondition ends the run in seconds with its own reason, not minutes later as a
 * provisioning timeout: the driver is installed (its CSIDriver object exists), the Secrets the
 * StorageClasses will reference exist with both keys, and S3 answers the validator.
 */
public final class Preflight {
  static final String PARAMETERS_FIELD = "spec.storageClass.parameters";

  private Preflight() {}

  /**
   * @throws PreflightException with DriverNotInstalled or S3Unavailable
   * @throws InvalidSpecException for a referenced Secret that is missing, incomplete or half-named
   */
  public static void check(KubernetesClient client, EffectiveSpec spec, S3Checks s3) {
    if (client.storage().v1().csiDrivers().withName(spec.provisioner()).get() == null) {
      throw new PreflightException(
          Reason.DriverNotInstalled,
          "CSIDriver "
              + spec.provisioner()
              + " does not exist: the driver is not installed, or spec.provisioner names another one; nothing was created");
    }
    secrets(client, spec.storageClass().parameters());
    try {
      s3.listBuckets();
    } catch (S3UnavailableException e) {
      throw new PreflightException(
          Reason.S3Unavailable,
          "S3 at "
              + spec.s3().endpoint()
              + " did not answer the validator ("
              + e.getMessage()
              + "); nothing was created");
    }
    DriverBucketsVisible.check(client, spec, s3);
  }

  private static void secrets(KubernetesClient client, Map<String, String> parameters) {
    for (Reference ref : SecretParameters.references(parameters)) {
      if (ref.isTemplated()) {
        continue; // resolved per PVC by external-provisioner; nothing to check before the PVC
        // exists
      }
      String field = PARAMETERS_FIELD + "[" + SecretParameters.nameKey(ref.type()) + "]";
      if (!ref.isComplete()) {
        throw new InvalidSpecException(
            field,
            "a Secret needs both "
                + SecretParameters.nameKey(ref.type())
                + " and "
                + SecretParameters.namespaceKey(ref.type())
                + ", non-empty");
      }
      CredentialsSecret.check(client, ref.namespace(), ref.name(), field);
    }
  }
}
