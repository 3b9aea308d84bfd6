package dev.s3csi.validator.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.OwnObjects;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.kube.ScenarioNames;
import dev.s3csi.validator.lifecycle.RunInventory;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * The informers behind every await, scoped to what the runs own. PVCs, pods and StorageClasses
 * carry the run labels: the API server sends only those, and they map to their run directly. PVs
 * (made by the driver) and Events (made by controllers) carry none and cannot be selected at the
 * API server: their informers receive all of them, keep only those {@link OwnObjects} recognises
 * ({@link OwnObjectsStore}), list them a page at a time, and map them through the PVC, pod or
 * StorageClass they are about.
 */
final class EventSources {
  static final String CLAIMS = "claims";
  static final String PODS = "pods";
  static final String STORAGE_CLASSES = "storageclasses";
  static final String VOLUMES = "volumes";
  static final String EVENTS = "events";

  /**
   * The first list of every PV or Event in a large cluster, a page at a time: one answer of 50,000
   * Events would be decoded whole (hundreds of MiB) before the store could drop the foreign ones.
   */
  static final long LIST_PAGE = 500;

  private EventSources() {}

  static List<EventSource<?, ProvisioningValidation>> create(
      EventSourceContext<ProvisioningValidation> context) {
    var claims = labelled(PersistentVolumeClaim.class, CLAIMS, false, context);
    var pods = labelled(Pod.class, PODS, false, context);
    var storageClasses = labelled(StorageClass.class, STORAGE_CLASSES, true, context);
    var volumes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    PersistentVolume.class, ProvisioningValidation.class)
                .withName(VOLUMES)
                .withWatchAllNamespaces()
                .withItemStore(new OwnObjectsStore<>(OwnObjects::isOwnVolume))
                .withInformerListLimit(LIST_PAGE)
                .withSecondaryToPrimaryMapper(pv -> volumeOwner(pv, claims, storageClasses))
                .build(),
            context);
    List<EventSource<?, ProvisioningValidation>> sources =
        new ArrayList<>(List.of(claims, pods, storageClasses, volumes));
    for (String namespace : eventNamespaces(context.getControllerConfiguration())) {
      sources.add(events(namespace, claims, pods, context));
    }
    return sources;
  }

  /**
   * One Event informer per watched namespace, or one for all: each needs a store of its own (see
   * {@link OwnObjectsStore}).
   */
  private static Set<String> eventNamespaces(ControllerConfiguration<?> controller) {
    return controller.getInformerConfig().watchAllNamespaces()
        ? Set.of(Constants.WATCH_ALL_NAMESPACES)
        : controller.getEffectiveNamespaces();
  }

  /** The name of the Event informer that sees a namespace's events. */
  static String eventsIn(ControllerConfiguration<?> controller, String namespace) {
    return controller.getInformerConfig().watchAllNamespaces() ? EVENTS : EVENTS + "/" + namespace;
  }

  private static InformerEventSource<Event, ProvisioningValidation> events(
      String namespace,
      InformerEventSource<PersistentVolumeClaim, ProvisioningValidation> claims,
      InformerEventSource<Pod, ProvisioningValidation> pods,
      EventSourceContext<ProvisioningValidation> context) {
    var config =
        InformerEventSourceConfiguration.from(Event.class, ProvisioningValidation.class)
            .withName(eventsIn(context.getControllerConfiguration(), namespace))
            .withItemStore(new OwnObjectsStore<>(OwnObjects::isAboutOwnObject))
            .withInformerListLimit(LIST_PAGE)
            .withSecondaryToPrimaryMapper(event -> eventOwner(event, claims, pods));
    if (Constants.WATCH_ALL_NAMESPACES.equals(namespace)) {
      config.withWatchAllNamespaces();
    } else {
      config.withNamespaces(Set.of(namespace));
    }
    return new InformerEventSource<>(config.build(), context);
  }

  private static <R extends HasMetadata> InformerEventSource<R, ProvisioningValidation> labelled(
      Class<R> type,
      String name,
      boolean clusterScoped,
      EventSourceContext<ProvisioningValidation> context) {
    var config =
        InformerEventSourceConfiguration.from(type, ProvisioningValidation.class)
            .withName(name)
            .withLabelSelector(RunLabels.SELECTOR)
            .withSecondaryToPrimaryMapper(EventSources::runOf);
    if (clusterScoped) {
      config.withWatchAllNamespaces();
    } else {
      config.withNamespacesInheritedFromController();
    }
    return new InformerEventSource<>(config.build(), context);
  }

  /**
   * Reads one of the informers above. A stopping operator clears its caches while reconciliations
   * still run, and an empty cache reads as "everything is gone": a read is only returned when the
   * informer was still running after it (JOSDK marks an informer stopped before clearing it).
   */
  @SuppressWarnings("unchecked")
  static <R extends HasMetadata, T> T read(
      Context<ProvisioningValidation> context,
      Class<R> type,
      String name,
      Function<InformerEventSource<R, ProvisioningValidation>, T> reader) {
    var source =
        (InformerEventSource<R, ProvisioningValidation>)
            context.eventSourceRetriever().getEventSourceFor(type, name);
    T value = reader.apply(source);
    if (!source.isRunning()) {
      throw new OperatorStoppingException(name);
    }
    return value;
  }

  /**
   * What of the run exists, as the informers show it; PVs by the run's StorageClass names (the
   * driver's) or by the run labels (static PVs the validator made, whose StorageClass is "").
   */
  static RunInventory inventory(
      ProvisioningValidation run, Context<ProvisioningValidation> context) {
    String namespace = run.getMetadata().getNamespace();
    String prefix = ScenarioNames.runPrefix(run);
    return new RunInventory(
        read(
            context,
            Pod.class,
            PODS,
            pods -> pods.list(namespace, o -> RunLabels.belongsTo(o, run)).toList()),
        read(
            context,
            PersistentVolumeClaim.class,
            CLAIMS,
            claims -> claims.list(namespace, o -> RunLabels.belongsTo(o, run)).toList()),
        read(
            context,
            PersistentVolume.class,
            VOLUMES,
            volumes ->
                volumes
                    .list(
                        pv ->
                            RunLabels.belongsTo(pv, run)
                                || pv.getSpec().getStorageClassName() != null
                                    && pv.getSpec().getStorageClassName().startsWith(prefix))
                    .toList()),
        read(
            context,
            StorageClass.class,
            STORAGE_CLASSES,
            storageClasses -> storageClasses.list(o -> RunLabels.belongsTo(o, run)).toList()));
  }

  /** Every run the operator watches, read under the same rule as {@link #read}. */
  static List<ProvisioningValidation> runs(Context<ProvisioningValidation> context) {
    List<ProvisioningValidation> runs = context.getPrimaryCache().list().toList();
    if (!context.eventSourceRetriever().getControllerEventSource().isRunning()) {
      throw new OperatorStoppingException("provisioningvalidations");
    }
    return runs;
  }

  static Set<ResourceID> runOf(HasMetadata object) {
    return RunLabels.runOf(object)
        .map(run -> Set.of(new ResourceID(run.name(), run.namespace())))
        .orElse(Set.of());
  }

  /**
   * A PV the validator created (static provisioning) carries the run labels; one the driver made
   * maps to its run through its claim, or, once the claim is deleted, its StorageClass.
   */
  private static Set<ResourceID> volumeOwner(
      PersistentVolume pv,
      InformerEventSource<PersistentVolumeClaim, ProvisioningValidation> claims,
      InformerEventSource<StorageClass, ProvisioningValidation> storageClasses) {
    Set<ResourceID> labelled = runOf(pv);
    if (!labelled.isEmpty()) {
      return labelled;
    }
    ObjectReference ref = pv.getSpec().getClaimRef();
    Optional<Set<ResourceID>> viaClaim =
        ref == null
            ? Optional.empty()
            : claims
                .get(new ResourceID(ref.getName(), ref.getNamespace()))
                .map(EventSources::runOf);
    if (viaClaim.isPresent() && !viaClaim.get().isEmpty()) {
      return viaClaim.get();
    }
    String storageClass = pv.getSpec().getStorageClassName();
    return storageClass == null
        ? Set.of()
        : storageClasses
            .get(new ResourceID(storageClass))
            .map(EventSources::runOf)
            .orElse(Set.of());
  }

  private static Set<ResourceID> eventOwner(
      Event event,
      InformerEventSource<PersistentVolumeClaim, ProvisioningValidation> claims,
      InformerEventSource<Pod, ProvisioningValidation> pods) {
    ObjectReference about = event.getInvolvedObject();
    if (about == null || about.getName() == null) {
      return Set.of();
    }
    ResourceID id = new ResourceID(about.getName(), about.getNamespace());
    return switch (String.valueOf(about.getKind())) {
      case "PersistentVolumeClaim" -> claims.get(id).map(EventSources::runOf).orElse(Set.of());
      case "Pod" -> pods.get(id).map(EventSources::runOf).orElse(Set.of());
      default -> Set.of();
    };
  }
}
