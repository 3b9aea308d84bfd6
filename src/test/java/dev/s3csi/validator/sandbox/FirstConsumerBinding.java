package dev.s3csi.validator.sandbox;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

/**
 * volumeBindingMode WaitForFirstConsumer as the PV controller and the scheduler both read it: a PVC
 * of such a StorageClass waits until the scheduler has written the node it selected.
 */
final class FirstConsumerBinding {
  /** What the scheduler sets on a WaitForFirstConsumer PVC to have it provisioned for a node. */
  static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";

  private FirstConsumerBinding() {}

  static boolean waitsForFirstConsumer(StorageClass storageClass) {
    return storageClass != null
        && "WaitForFirstConsumer".equals(storageClass.getVolumeBindingMode());
  }

  static boolean nodeSelected(PersistentVolumeClaim claim) {
    return claim.getMetadata().getAnnotations() != null
        && claim.getMetadata().getAnnotations().containsKey(SELECTED_NODE);
  }
}
