package dev.s3csi.validator.kube;

import java.net.HttpURLConnection;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Idempotent writes: creating what exists and deleting what is gone both succeed. */
public final class ClusterWriter {
  private final KubernetesClient client;

  public ClusterWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Creates the object; an object of that name that already exists is taken as ours (re-adoption). */
  public void create(HasMetadata object) {
    try {
      client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  /** Requests deletion of a PVC; one that is already gone counts as deleted. */
  public void deleteClaim(String namespace, String name) {
    client.persistentVolumeClaims().inNamespace(namespace).withName(name).delete();
  }

  public void deletePod(String namespace, String name) {
    client.pods().inNamespace(namespace).withName(name).delete();
  }

  public void deleteStorageClass(String name) {
    client.storage().v1().storageClasses().withName(name).delete();
  }

  /** Deletes a PV the driver failed to delete, so a failed run still leaves nothing behind. */
  public void deleteVolume(String name) {
    client.persistentVolumes().withName(name).delete();
  }
}
