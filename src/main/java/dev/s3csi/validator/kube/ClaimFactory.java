package dev.s3csi.validator.kube;

import java.util.Map;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** PVCs a scenario asks the driver to provision. */
public final class ClaimFactory {
  public static final String RWX = "ReadWriteMany";
  /** S3 ignores the size; the driver echoes it into the PV. */
  private static final Quantity SIZE = new Quantity("1Gi");

  private ClaimFactory() {}

  public static PersistentVolumeClaim build(
      ProvisioningValidation run, String name, Map<String, String> labels, String storageClass) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(OwnedBy.run(run))
        .endMetadata()
        .withNewSpec()
        .withAccessModes(RWX)
        .withStorageClassName(storageClass)
        .withNewResources()
        .withRequests(Map.of("storage", SIZE))
        .endResources()
        .endSpec()
        .build();
  }
}
