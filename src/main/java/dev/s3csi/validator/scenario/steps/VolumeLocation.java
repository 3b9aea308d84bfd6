package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.s3csi.validator.kube.MountOptions;

import io.fabric8.kubernetes.api.model.PersistentVolume;

/**
 * Where the files of one volume live in S3: the bucket, and the key prefix the mount adds to every
 * path. The bucket is {@code volumeAttributes.bucketName} (the volume handle when absent); the
 * prefix is the {@code prefix} volume attribute a shared-bucket driver records, or else the {@code
 * prefix=} mount option, as mountpoint-s3 applies it.
 */
public record VolumeLocation(String pv, String bucket, String prefix) {
  public static final String BUCKET_ATTRIBUTE = "bucketName";
  public static final String PREFIX_ATTRIBUTE = "prefix";

  public static VolumeLocation of(PersistentVolume volume) {
    var csi = volume.getSpec().getCsi();
    Map<String, String> attributes =
        csi == null || csi.getVolumeAttributes() == null ? Map.of() : csi.getVolumeAttributes();
    String bucket =
        attributes.getOrDefault(BUCKET_ATTRIBUTE, csi == null ? null : csi.getVolumeHandle());
    List<String> options =
        volume.getSpec().getMountOptions() == null ? List.of() : volume.getSpec().getMountOptions();
    String prefix =
        attributes.containsKey(PREFIX_ATTRIBUTE)
            ? attributes.get(PREFIX_ATTRIBUTE)
            : MountOptions.value(options, MountOptions.PREFIX).orElse("");
    return new VolumeLocation(volume.getMetadata().getName(), bucket, prefix);
  }

  public String key(String path) {
    return prefix + path;
  }

  /**
   * The bucket, when it is the volume's own, so that the run caused it and cleans it up: no prefix
   * (a volume under a prefix lives in a bucket shared with others) and not the shared bucket, which
   * may be the user's own and is deleted only when the run created it.
   */
  public Optional<String> ownBucket(String sharedBucket) {
    boolean own = bucket != null && prefix.isEmpty() && !bucket.equals(sharedBucket);
    return own ? Optional.of(bucket) : Optional.empty();
  }

  /** {@code bucket/prefix/}, or the bucket alone when there is no prefix. */
  public String where() {
    return prefix.isEmpty() ? bucket : bucket + "/" + prefix;
  }
}
