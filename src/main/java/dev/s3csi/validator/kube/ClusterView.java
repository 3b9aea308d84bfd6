package dev.s3csi.validator.kube;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

/**
 * What the operator has observed of the cluster, read from its informer caches: steps await
 * conditions on these views and never poll the API server.
 */
public interface ClusterView {

  Optional<PersistentVolumeClaim> claim(String namespace, String name);

  Optional<PersistentVolume> volume(String name);

  /**
   * The validator's PVs (the informer keeps no others, see {@link OwnObjects}): the orphan-bucket
   * sweep matches buckets against their volume handles first.
   */
  List<PersistentVolume> volumes();

  /** Every run the operator knows of, with its last persisted status. */
  List<ProvisioningValidation> runs();

  Optional<Pod> pod(String namespace, String name);

  Optional<StorageClass> storageClass(String name);

  /** Events about one of the validator's objects, oldest first. */
  List<Event> eventsAbout(String namespace, String kind, String name);
}
