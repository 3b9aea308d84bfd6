package dev.s3csi.validator.kube;

import java.net.HttpURLConnection;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Idempotent writes: creating what exists and deleting what is gone both succeed. Also the API
 * server's own answer where an informer's cache may lag behind it. Every request the server does
 * not carry out throws an {@link ApiRequestException} naming the verb and the object, so that the
 * scenario that asked can quote them.
 */
public final class ClusterWriter {
  /** What kubectl asks for in one page of a list: a few MiB of PVs at most. */
  static final long PAGE = 500;

  private final KubernetesClient client;

  public ClusterWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Creates the object; an object of that name that already exists is taken as ours (re-adoption).
   */
  public void create(HasMetadata object) {
    request(
        "create",
        describe(
            object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName()),
        () -> {
          try {
            return client.resource(object).create();
          } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
              throw e;
            }
            return object;
          }
        });
  }

  /**
   * Requests deletion of a PVC; one that is already gone counts as deleted. Like every delete here,
   * returns whether the object still existed: the API server's answer, not a cache's.
   */
  public boolean deleteClaim(String namespace, String name) {
    return request(
        "delete",
        describe("PersistentVolumeClaim", namespace, name),
        () ->
            !client
                .persistentVolumeClaims()
                .inNamespace(namespace)
                .withName(name)
                .delete()
                .isEmpty());
  }

  public boolean deletePod(String namespace, String name) {
    return request(
        "delete",
        describe("Pod", namespace, name),
        () -> !client.pods().inNamespace(namespace).withName(name).delete().isEmpty());
  }

  public boolean deleteStorageClass(String name) {
    return request(
        "delete",
        describe("StorageClass", null, name),
        () -> !client.storage().v1().storageClasses().withName(name).delete().isEmpty());
  }

  /** Whether the API server still has the PV, whatever a cache says. */
  public boolean volumeExists(String name) {
    return request(
        "get",
        describe("PersistentVolume", null, name),
        () -> client.persistentVolumes().withName(name).get() != null);
  }

  /**
   * Every PV at the API server, a page at a time: the informer keeps only the validator's PVs, so
   * what other workloads' PVs name is asked for when it matters, without holding them all at once.
   */
  public void forEachVolume(Consumer<PersistentVolume> action) {
    String next = null;
    do {
      String from = next;
      PersistentVolumeList page =
          request(
              "list",
              "PersistentVolumes",
              () ->
                  client
                      .persistentVolumes()
                      .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(from).build()));
      page.getItems().forEach(action);
      next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
  }

  /** Deletes a PV the driver failed to delete, so a failed run still leaves nothing behind. */
  public boolean deleteVolume(String name) {
    return request(
        "delete",
        describe("PersistentVolume", null, name),
        () -> !client.persistentVolumes().withName(name).delete().isEmpty());
  }

  private static <T> T request(String verb, String object, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw new ApiRequestException(verb, object, e);
    }
  }

  private static String describe(String kind, String namespace, String name) {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
