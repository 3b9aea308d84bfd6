package dev.s3csi.validator.reconciler;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.ClusterView;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The cluster as this reconciliation's informer caches see it. */
final class InformerClusterView implements ClusterView {
  private final Context<ProvisioningValidation> context;

  InformerClusterView(Context<ProvisioningValidation> context) {
    this.context = context;
  }

  @Override
  public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
    return EventSources.read(
        context,
        PersistentVolumeClaim.class,
        EventSources.CLAIMS,
        claims -> claims.get(new ResourceID(name, namespace)));
  }

  @Override
  public Optional<PersistentVolume> volume(String name) {
    return EventSources.read(
        context,
        PersistentVolume.class,
        EventSources.VOLUMES,
        volumes -> volumes.get(new ResourceID(name)));
  }

  @Override
  public List<PersistentVolume> volumes() {
    return EventSources.read(
        context, PersistentVolume.class, EventSources.VOLUMES, volumes -> volumes.list().toList());
  }

  @Override
  public List<ProvisioningValidation> runs() {
    return EventSources.runs(context);
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    return EventSources.read(
        context, Pod.class, EventSources.PODS, pods -> pods.get(new ResourceID(name, namespace)));
  }

  @Override
  public Optional<StorageClass> storageClass(String name) {
    return EventSources.read(
        context,
        StorageClass.class,
        EventSources.STORAGE_CLASSES,
        storageClasses -> storageClasses.get(new ResourceID(name)));
  }

  @Override
  public List<Event> eventsAbout(String namespace, String kind, String name) {
    return EventSources.read(
        context,
        Event.class,
        EventSources.eventsIn(context.getControllerConfiguration(), namespace),
        events ->
            events
                .list(
                    namespace,
                    e ->
                        e.getInvolvedObject() != null
                            && Objects.equals(kind, e.getInvolvedObject().getKind())
                            && Objects.equals(name, e.getInvolvedObject().getName()))
                .sorted(
                    Comparator.comparing(
                        InformerClusterView::lastSeen,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList());
  }

  private static String lastSeen(Event event) {
    return event.getLastTimestamp() != null
        ? event.getLastTimestamp()
        : event.getMetadata().getCreationTimestamp();
  }
}
