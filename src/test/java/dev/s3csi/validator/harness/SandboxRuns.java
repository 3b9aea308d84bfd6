package dev.s3csi.validator.harness;

import java.util.List;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;

import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Runs that fail or pass on a healthy sandbox for reasons of their own spec, and their YAML form.
 */
public final class SandboxRuns {
  public static final String UNSERVED_PROVISIONER = "nobody.csi.example";

  private SandboxRuns() {}

  /** dedicatedBucket, which passes on a healthy sandbox. */
  public static ProvisioningValidation passing(Sandbox sandbox, String name) {
    return sandbox.validation(name, List.of(ScenarioName.DEDICATED_BUCKET));
  }

  /**
   * dedicatedBucket with a provisioner that is registered (its CSIDriver exists, so the preflight
   * passes) but that nobody serves: the PVC stays Pending and the run fails with
   * ProvisioningTimeout after its 2 s bind deadline, as when the driver's controller is down.
   */
  public static ProvisioningValidation unserved(Sandbox sandbox, String name) {
    if (sandbox.client().storage().v1().csiDrivers().withName(UNSERVED_PROVISIONER).get() == null) {
      sandbox
          .client()
          .storage()
          .v1()
          .csiDrivers()
          .resource(
              new CSIDriverBuilder()
                  .withNewMetadata()
                  .withName(UNSERVED_PROVISIONER)
                  .endMetadata()
                  .withNewSpec()
                  .withAttachRequired(false)
                  .endSpec()
                  .build())
          .create();
    }
    ProvisioningValidation run = passing(sandbox, name);
    run.getSpec().setProvisioner(UNSERVED_PROVISIONER);
    run.getSpec().getTimeouts().setBind("2s");
    return run;
  }

  public static String yaml(ProvisioningValidation run) {
    return Serialization.asYaml(run);
  }
}
