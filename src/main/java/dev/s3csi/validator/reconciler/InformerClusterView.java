package dev.s3csi.validator.reconciler;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.ApiRequestException;
import dev.s3csi.validator.kube.ClusterView;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

  /**
   * From the informer of the namespace's events; a namespace the operator does not watch (events
   * about PVs are written to {@code default}) is asked at the API server, only for that object.
   */
  @Override
  public List<Event> eventsAbout(String namespace, String kind, String name) {
    var controller = context.getControllerConfiguration();
    boolean watched =
        controller.getInformerConfig().watchAllNamespaces()
            || controller.getEffectiveNamespaces().contains(namespace);
    List<Event> events =
        watched
            ? EventSources.read(
                context,
                Event.class,
                EventSources.eventsIn(controller, namespace),
                informer -> informer.list(namespace).toList())
            : listAtTheApiServer(namespace, kind, name);
    return events.stream()
        .filter(
            e ->
                e.getInvolvedObject() != null
                    && Objects.equals(kind, e.getInvolvedObject().getKind())
                    && Objects.equals(name, e.getInvolvedObject().getName()))
        .sorted(
            Comparator.comparing(
                InformerClusterView::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }

  private List<Event> listAtTheApiServer(String namespace, String kind, String name) {
    try {
      return context
          .getClient()
          .v1()
          .events()
          .inNamespace(namespace)
          .withField("involvedObject.kind", kind)
          .withField("involvedObject.name", name)
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      throw new ApiRequestException("list", "Events in namespace " + namespace, e);
    }
  }

  private static String lastSeen(Event event) {
    return event.getLastTimestamp() != null
        ? event.getLastTimestamp()
        : event.getMetadata().getCreationTimestamp();
  }
}
