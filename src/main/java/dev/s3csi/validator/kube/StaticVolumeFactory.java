package dev.s3csi.validator.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.SecretParameters;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;

/**
 * PVs the validator makes itself (static provisioning), as the Scality driver documents them: the
 * bucket in {@code volumeAttributes.bucketName}, a per-volume {@code prefix=} mount option, and
 * reclaimPolicy Retain, so that deleting the PVC never asks the driver to delete the shared bucket.
 * The bucket is the validator's, made with its S3 Secret, so the node must mount it with that
 * identity: {@code authenticationSource: secret} and a nodePublishSecretRef (the StorageClass's
 * node-publish Secret, else the validator's own). Without {@code secret} the node ignores the
 * reference and mounts with the driver's credentials (credentialprovider/provider.go).
 */
public final class StaticVolumeFactory {
  public static final String RECLAIM_RETAIN = "Retain";

  /** The volume attribute that tells the Scality node whose credentials mount the volume. */
  public static final String AUTHENTICATION_SOURCE = "authenticationSource";

  private StaticVolumeFactory() {}

  /**
   * @param prefix the key prefix of the volume in the bucket, ending with a slash
   * @param claimNamespace namespace of the PVC the PV is reserved for (claimRef)
   */
  public static PersistentVolume build(
      String name,
      Map<String, String> labels,
      Map<String, String> annotations,
      EffectiveSpec spec,
      String bucket,
      String prefix,
      String claimNamespace,
      String claimName) {
    List<String> mountOptions = new ArrayList<>(spec.storageClass().mountOptions());
    mountOptions.add(MountOptions.PREFIX + "=" + prefix);
    var builder =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withAccessModes(ClaimFactory.RWX)
            .withCapacity(Map.of("storage", ClaimFactory.SIZE))
            .withPersistentVolumeReclaimPolicy(RECLAIM_RETAIN)
            .withStorageClassName("")
            .withMountOptions(
                StorageClassFactory.withProbeAccess(mountOptions, spec.probe().runAsUser()))
            .withNewClaimRef()
            .withNamespace(claimNamespace)
            .withName(claimName)
            .endClaimRef()
            .withNewCsi()
            .withDriver(spec.provisioner())
            .withVolumeHandle(name)
            .withVolumeAttributes(Map.of("bucketName", bucket, AUTHENTICATION_SOURCE, "secret"))
            .withNewNodePublishSecretRef(
                nodePublishSecret(spec).name(), nodePublishSecret(spec).namespace())
            .endCsi()
            .endSpec();
    return builder.build();
  }

  /** The StorageClass's node-publish Secret when it names one outright, else the validator's. */
  private static SecretParameters.Reference nodePublishSecret(EffectiveSpec spec) {
    return SecretParameters.effective(
            spec.storageClass().parameters(), SecretParameters.NODE_PUBLISH)
        .filter(SecretParameters.Reference::isComplete)
        .filter(ref -> !ref.isTemplated())
        .orElse(
            new SecretParameters.Reference(
                SecretParameters.NODE_PUBLISH,
                spec.s3().secretName(),
                spec.s3().secretNamespace()));
  }
}
