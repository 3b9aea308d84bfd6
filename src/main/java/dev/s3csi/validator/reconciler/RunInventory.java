package dev.s3csi.validator.reconciler;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.kube.ScenarioNames;
import dev.s3csi.validator.scenario.steps.VolumeLocation;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Everything of a run that exists in the cluster, found by the run's labels (and, for PVs, which
 * the driver makes without our labels, by their StorageClass's name), not by what the status
 * recorded: an object created just before a crash, and never recorded, is found all the same.
 */
record RunInventory(List<Pod> pods, List<PersistentVolumeClaim> claims, List<PersistentVolume> volumes, List<StorageClass> storageClasses) {

  static RunInventory of(ProvisioningValidation run, Context<ProvisioningValidation> context) {
    String namespace = run.getMetadata().getNamespace();
    String prefix = ScenarioNames.runPrefix(run);
    return new RunInventory(
        EventSources.read(context, Pod.class, EventSources.PODS, pods -> pods.list(namespace, o -> RunLabels.belongsTo(o, run)).toList()),
        EventSources.read(context, PersistentVolumeClaim.class, EventSources.CLAIMS,
            claims -> claims.list(namespace, o -> RunLabels.belongsTo(o, run)).toList()),
        EventSources.read(context, PersistentVolume.class, EventSources.VOLUMES, volumes -> volumes
            .list(pv -> pv.getSpec().getStorageClassName() != null && pv.getSpec().getStorageClassName().startsWith(prefix)).toList()),
        EventSources.read(context, StorageClass.class, EventSources.STORAGE_CLASSES,
            storageClasses -> storageClasses.list(o -> RunLabels.belongsTo(o, run)).toList()));
  }

  /**
   * The buckets of their own the run's PVs name: caused by this run, whether or not a step
   * recorded them. Never the shared bucket, which may be the user's.
   */
  List<String> buckets(String sharedBucket) {
    return volumes.stream().map(pv -> VolumeLocation.of(pv).ownBucket(sharedBucket)).flatMap(Optional::stream).toList();
  }
}
