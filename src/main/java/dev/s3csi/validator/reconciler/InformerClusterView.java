package dev.s3csi.validator.reconciler;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.ClusterView;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/** The cluster as this reconciliation's informer caches see it. */
final class InformerClusterView implements ClusterView {
  private final Context<ProvisioningValidation> context;

  InformerClusterView(Context<ProvisioningValidation> context) {
    this.context = context;
  }

  @Override
  public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
    return source(PersistentVolumeClaim.class, EventSources.CLAIMS).get(new ResourceID(name, namespace));
  }

  @Override
  public Optional<PersistentVolume> volume(String name) {
    return source(PersistentVolume.class, EventSources.VOLUMES).get(new ResourceID(name));
  }

  @Override
  public List<PersistentVolume> volumes() {
    return source(PersistentVolume.class, EventSources.VOLUMES).list().toList();
  }

  @Override
  public List<ProvisioningValidation> runs() {
    return context.getPrimaryCache().list().toList();
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    return source(Pod.class, EventSources.PODS).get(new ResourceID(name, namespace));
  }

  @Override
  public Optional<StorageClass> storageClass(String name) {
    return source(StorageClass.class, EventSources.STORAGE_CLASSES).get(new ResourceID(name));
  }

  @Override
  public List<Event> eventsAbout(String namespace, String kind, String name) {
    return source(Event.class, EventSources.EVENTS)
        .list(namespace, e -> e.getInvolvedObject() != null
            && Objects.equals(kind, e.getInvolvedObject().getKind())
            && Objects.equals(name, e.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(InformerClusterView::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }

  private static String lastSeen(Event event) {
    return event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getMetadata().getCreationTimestamp();
  }

  private <R extends HasMetadata> InformerEventSource<R, ProvisioningValidation> source(Class<R> type, String name) {
    return EventSources.named(context, type, name);
  }
}
