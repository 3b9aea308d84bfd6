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
  static final Quantity SIZE = new Quantity("1Gi");

  private ClaimFactory() {}

  public static PersistentVolumeClaim build(
      ProvisioningValidation run, String name, Map<String, String> labels, String storageClass) {
    return build(run, name, labels, storageClass, RWX);
  }

  /** A PVC the driver is asked to provision from {@code storageClass}, with one access mode. */
  public static PersistentVolumeClaim build(
      ProvisioningValidation run,
      String name,
      Map<String, String> labels,
      String storageClass,
      String accessMode) {
    return base(run, name, labels, storageClass, accessMode).build();
  }

  /** A PVC bound to a PV the validator created: no StorageClass, so no provisioner is involved. */
  public static PersistentVolumeClaim staticClaim(
      ProvisioningValidation run, String name, Map<String, String> labels, String volumeName) {
    return base(run, name, labels, "", RWX).editSpec().withVolumeName(volumeName).endSpec().build();
  }

  private static PersistentVolumeClaimBuilder base(
      ProvisioningValidation run,
      String name,
      Map<String, String> labels,
      String storageClass,
      String accessMode) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(RunLabels.annotations(run))
        .withOwnerReferences(OwnedBy.run(run))
        .endMetadata()
        .withNewSpec()
        .withAccessModes(accessMode)
        .withStorageClassName(storageClass)
        .withNewResources()
        .withRequests(Map.of("storage", SIZE))
        .endResources()
        .endSpec();
  }
}
