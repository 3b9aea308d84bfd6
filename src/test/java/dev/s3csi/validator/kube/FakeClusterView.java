package dev.s3csi.validator.kube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

/** A cluster view held in maps: what steps see, set up by a test. */
public final class FakeClusterView implements ClusterView {
  private final Map<String, HasMetadata> objects = new HashMap<>();
  private final List<Event> events = new ArrayList<>();
  private final List<ProvisioningValidation> runs = new ArrayList<>();

  public FakeClusterView add(HasMetadata object) {
    objects.put(
        key(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName()),
        object);
    return this;
  }

  public FakeClusterView add(Event event) {
    events.add(event);
    return this;
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  private <T> Optional<T> find(Class<T> type, String kind, String namespace, String name) {
    return Optional.ofNullable(objects.get(key(kind, namespace, name))).map(type::cast);
  }

  @Override
  public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
    return find(PersistentVolumeClaim.class, "PersistentVolumeClaim", namespace, name);
  }

  @Override
  public Optional<PersistentVolume> volume(String name) {
    return find(PersistentVolume.class, "PersistentVolume", null, name);
  }

  @Override
  public List<PersistentVolume> volumes() {
    return objects.values().stream()
        .filter(PersistentVolume.class::isInstance)
        .map(PersistentVolume.class::cast)
        .toList();
  }

  @Override
  public List<ProvisioningValidation> runs() {
    return runs;
  }

  public FakeClusterView addRun(ProvisioningValidation run) {
    runs.add(run);
    return this;
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    return find(Pod.class, "Pod", namespace, name);
  }

  @Override
  public Optional<StorageClass> storageClass(String name) {
    return find(StorageClass.class, "StorageClass", null, name);
  }

  @Override
  public List<Event> eventsAbout(String namespace, String kind, String name) {
    return events.stream()
        .filter(
            e ->
                kind.equals(e.getInvolvedObject().getKind())
                    && name.equals(e.getInvolvedObject().getName()))
        .toList();
  }
}
