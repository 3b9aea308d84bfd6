package dev.s3csi.validator.scenario.steps;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.PersistentVolume;

/**
 * Whether a PV's bucket is the volume's own, so that the run caused it and cleans it up: no
 * prefix (a volume under a prefix lives in a bucket shared with others) and not the shared bucket,
 * which may be the user's own and is deleted only when the run created it.
 */
public final class OwnBuckets {
  private OwnBuckets() {}

  public static Optional<String> of(PersistentVolume volume, String sharedBucket) {
    VolumeLocation location = VolumeLocation.of(volume);
    boolean own = location.bucket() != null && location.prefix().isEmpty() && !location.bucket().equals(sharedBucket);
    return own ? Optional.of(location.bucket()) : Optional.empty();
  }
}
