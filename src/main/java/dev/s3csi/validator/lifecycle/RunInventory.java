package dev.s3csi.validator.lifecycle;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.scenario.steps.VolumeLocation;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

/**
 * Everything of a run that exists in the cluster, found by the run's labels (and, for PVs, which
 * the driver makes without our labels, by their StorageClass's name), not by what the status
 * recorded: an object created just before a crash, and never recorded, is found all the same.
 */
public record RunInventory(
    List<Pod> pods,
    List<PersistentVolumeClaim> claims,
    List<PersistentVolume> volumes,
    List<StorageClass> storageClasses) {

  /**
   * The buckets of their own the run's PVs name: caused by this run, whether or not a step recorded
   * them. Never the shared bucket, which may be the user's.
   */
  public List<String> buckets(String sharedBucket) {
    return volumes.stream()
        .map(pv -> VolumeLocation.of(pv).ownBucket(sharedBucket))
        .flatMap(Optional::stream)
        .toList();
  }
}
