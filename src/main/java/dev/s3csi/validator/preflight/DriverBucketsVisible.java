package dev.s3csi.validator.preflight;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.s3.DriverBucketAccess;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Checks.BucketState;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.SecretParameters;
import dev.s3csi.validator.spec.SecretParameters.Reference;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether the validator's S3 identity sees the buckets the driver makes, proven before the run
 * creates anything when the cluster already holds a dynamic volume of the driver made with the
 * credentials this run's StorageClass will use (the same provisioner Secret, or none: the driver's
 * own). A 403 on its bucket ends the run with {@link Reason#DriverBucketsNotVisible}: every check
 * of a bucket would otherwise blame the driver for the validator's own lack of access. Without such
 * a volume the run's first bucketExists step is the proof.
 */
final class DriverBucketsVisible {
  static final String DELETION_SECRET_NAME =
      "volume.kubernetes.io/provisioner-deletion-secret-name";
  static final String DELETION_SECRET_NAMESPACE =
      "volume.kubernetes.io/provisioner-deletion-secret-namespace";

  /** PVs looked at, and buckets asked about: enough for a proof, bounded on a large cluster. */
  private static final long LISTED = 500;

  private static final int ASKED = 3;

  private DriverBucketsVisible() {}

  static void check(KubernetesClient client, EffectiveSpec spec, S3Checks s3) {
    Optional<Reference> secret =
        SecretParameters.effective(spec.storageClass().parameters(), SecretParameters.PROVISIONER);
    if (secret.isPresent() && (secret.get().isTemplated() || !secret.get().isComplete())) {
      return; // per PVC: no volume made before shows which account this run's will have
    }
    List<PersistentVolume> made =
        client
            .persistentVolumes()
            .list(new ListOptionsBuilder().withLimit(LISTED).build())
            .getItems()
            .stream()
            .filter(pv -> madeByTheDriverAsThisRunWill(pv, spec.provisioner(), secret))
            .limit(ASKED)
            .toList();
    for (PersistentVolume volume : made) {
      String bucket = volume.getSpec().getCsi().getVolumeAttributes().get("bucketName");
      BucketState state = s3.headBucket(bucket);
      if (state == BucketState.EXISTS) {
        return;
      }
      if (state == BucketState.FORBIDDEN) {
        throw new PreflightException(
            Reason.DriverBucketsNotVisible,
            "bucket "
                + bucket
                + " of PV "
                + volume.getMetadata().getName()
                + ", which "
                + spec.provisioner()
                + " made with the credentials this run's StorageClass uses, answers the"
                + " validator 403 (HeadBucket): "
                + DriverBucketAccess.whatToGrant(spec.s3())
                + "; nothing was created");
      }
    }
  }

  private static boolean madeByTheDriverAsThisRunWill(
      PersistentVolume volume, String provisioner, Optional<Reference> secret) {
    var csi = volume.getSpec() == null ? null : volume.getSpec().getCsi();
    if (csi == null || !provisioner.equals(csi.getDriver()) || csi.getVolumeAttributes() == null) {
      return false;
    }
    Map<String, String> attributes = csi.getVolumeAttributes();
    if (!"true".equals(attributes.get("dynamicProvisioning"))
        || attributes.get("bucketName") == null) {
      return false;
    }
    Map<String, String> annotations =
        volume.getMetadata().getAnnotations() == null
            ? Map.of()
            : volume.getMetadata().getAnnotations();
    String name = annotations.getOrDefault(DELETION_SECRET_NAME, "");
    String namespace = annotations.getOrDefault(DELETION_SECRET_NAMESPACE, "");
    return secret.isEmpty()
        ? name.isEmpty() && !"secret".equals(attributes.get("authenticationSource"))
        : Objects.equals(name, secret.get().name())
            && Objects.equals(namespace, secret.get().namespace());
  }
}
