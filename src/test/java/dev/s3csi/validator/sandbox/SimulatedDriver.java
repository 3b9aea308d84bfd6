package dev.s3csi.validator.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The CSI controller side of the driver plus the external-provisioner sidecar and the PV
 * controller: provisions PVCs of its StorageClasses into buckets and PVs through {@link
 * CsiController}, retrying failures with backoff, binds PVCs (static ones too), emits the real
 * event texts, and reclaims PVs when their PVCs go.
 */
public final class SimulatedDriver implements AutoCloseable {
  static final String NAME = "s3.csi.scality.com";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDriver.class);
  private static final String PROVISIONER = NAME + "_csi-controller_sandbox";
  private static final String PV_CONTROLLER = "persistentvolume-controller";

  /**
   * What external-provisioner puts on the PVs it makes (HonorPVReclaimPolicy, locked on in v5.3.0)
   * and removes only once DeleteVolume has succeeded: a PV deleted while the driver is down stays
   * Terminating.
   */
  static final String PROVISIONER_FINALIZER = "external-provisioner.volume.kubernetes.io/finalizer";

  static final String DELETION_SECRET_NAME =
      "volume.kubernetes.io/provisioner-deletion-secret-name";
  static final String DELETION_SECRET_NAMESPACE =
      "volume.kubernetes.io/provisioner-deletion-secret-namespace";

  /**
   * external-provisioner's --retry-interval-start, doubling up to a cap kept short for the sandbox.
   */
  private static final Duration RETRY_START = Duration.ofSeconds(1);

  private static final Duration RETRY_MAX = Duration.ofSeconds(4);

  /**
   * Worker threads of the simulated controller and of the simulated kubelet: volumes are
   * provisioned and pods started side by side, as by external-provisioner's parallel workers and by
   * kubelets on several nodes, not a few at a time.
   */
  static final int WORKERS = 16;

  private final KubernetesClient client;
  private final CsiController controller;
  private final Set<Fault> faults;
  private final SlowStages stages;
  private final Timeline timeline;
  private final ClusterEvents events;
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService workers =
      Executors.newScheduledThreadPool(WORKERS, r -> daemon(r, "sandbox-driver"));
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Set<String> waitingReported = ConcurrentHashMap.newKeySet();
  private final Set<String> deleting = ConcurrentHashMap.newKeySet();
  private SharedIndexInformer<PersistentVolumeClaim> informer;
  private SharedIndexInformer<PersistentVolume> volumes;

  SimulatedDriver(
      KubernetesClient client,
      CsiController controller,
      Set<Fault> faults,
      SlowStages stages,
      Timeline timeline) {
    this.client = client;
    this.controller = controller;
    this.faults = faults;
    this.stages = stages;
    this.timeline = timeline;
    this.events = new ClusterEvents(client);
  }

  void start() {
    informer =
        client
            .persistentVolumeClaims()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(PersistentVolumeClaim claim) {
                    onClaim(claim);
                  }

                  @Override
                  public void onUpdate(PersistentVolumeClaim before, PersistentVolumeClaim claim) {
                    onClaim(claim);
                  }

                  @Override
                  public void onDelete(PersistentVolumeClaim claim, boolean finalStateUnknown) {
                    workers.submit(() -> guarded("reclaim", () -> reclaim(claim)));
                  }
                });
    volumes =
        client
            .persistentVolumes()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(PersistentVolume volume) {
                    onVolume(volume);
                  }

                  @Override
                  public void onUpdate(PersistentVolume before, PersistentVolume volume) {
                    onVolume(volume);
                  }

                  @Override
                  public void onDelete(PersistentVolume volume, boolean finalStateUnknown) {}
                });
  }

  /**
   * A PV of ours that someone deleted (Terminating, held by our finalizer): external-provisioner
   * runs DeleteVolume for a Delete policy, then lets it go; a driver that is down or stuck never
   * does.
   */
  private void onVolume(PersistentVolume volume) {
    if (volume.getMetadata().getDeletionTimestamp() == null
        || volume.getMetadata().getFinalizers() == null
        || !volume.getMetadata().getFinalizers().contains(PROVISIONER_FINALIZER)
        || faults.contains(Fault.DRIVER_DOWN)
        || faults.contains(Fault.PV_NOT_DELETED)
        || !deleting.add(volume.getMetadata().getName())) {
      return;
    }
    workers.submit(() -> guarded("delete", () -> deleteVolume(volume, RETRY_START)));
  }

  private void onClaim(PersistentVolumeClaim claim) {
    if (seen.contains(claim.getMetadata().getUid())) {
      return;
    }
    if (claim.getSpec().getVolumeName() == null) {
      workers.submit(() -> guarded("provision", () -> firstAttempt(claim)));
    } else if (seen.add(claim.getMetadata().getUid())) {
      workers.submit(() -> guarded("bind", () -> bindStatic(claim)));
    }
  }

  /**
   * The PV controller's first look at an unbound PVC: one of a WaitForFirstConsumer StorageClass
   * waits (looked at again when the scheduler selects its node); any other goes to the provisioner.
   */
  private void firstAttempt(PersistentVolumeClaim claim) {
    Optional<StorageClass> storageClass = storageClassOf(claim);
    if (storageClass.isPresent() && waitsForConsumer(claim, storageClass.get())) {
      if (waitingReported.add(claim.getMetadata().getUid())) {
        events.normal(
            claim,
            PV_CONTROLLER,
            "WaitForFirstConsumer",
            "waiting for first consumer to be created before binding");
      }
      return;
    }
    if (!seen.add(claim.getMetadata().getUid()) || storageClass.isEmpty()) {
      return;
    }
    events.normal(
        claim,
        PV_CONTROLLER,
        "ExternalProvisioning",
        "Waiting for a volume to be created either by the"
            + " external provisioner '"
            + NAME
            + "' or manually by the system administrator. If volume creation is"
            + " delayed, please verify that the provisioner is running and correctly registered.");
    if (!faults.contains(Fault.DRIVER_DOWN)) {
      attempt(claim.getMetadata().getNamespace(), claim.getMetadata().getName(), RETRY_START);
    }
  }

  private boolean waitsForConsumer(PersistentVolumeClaim claim, StorageClass storageClass) {
    return FirstConsumerBinding.waitsForFirstConsumer(storageClass)
        && !faults.contains(Fault.WFFC_IGNORED)
        && !FirstConsumerBinding.nodeSelected(claim);
  }

  private Optional<StorageClass> storageClassOf(PersistentVolumeClaim claim) {
    String name = claim.getSpec().getStorageClassName();
    StorageClass storageClass =
        name == null || name.isEmpty()
            ? null
            : client.storage().v1().storageClasses().withName(name).get();
    return Optional.ofNullable(storageClass).filter(sc -> NAME.equals(sc.getProvisioner()));
  }

  /**
   * One provisioning attempt; a failure is reported and retried with backoff, as
   * external-provisioner does.
   */
  private void attempt(String namespace, String name, Duration backoff) {
    PersistentVolumeClaim claim =
        client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
    Optional<StorageClass> storageClass = claim == null ? Optional.empty() : storageClassOf(claim);
    if (claim == null
        || claim.getMetadata().getDeletionTimestamp() != null
        || claim.getSpec().getVolumeName() != null
        || storageClass.isEmpty()) {
      return;
    }
    events.normal(
        claim,
        PROVISIONER,
        "Provisioning",
        "External provisioner is provisioning volume for claim \"" + namespace + "/" + name + "\"");
    stages.then(
        workers,
        Timeline.Stage.PROVISION,
        claim,
        () -> guarded("provision", () -> provision(claim, storageClass.get(), backoff)));
  }

  /** CreateVolume, then the PV and the binding; a failure is reported and retried. */
  private void provision(PersistentVolumeClaim claim, StorageClass storageClass, Duration backoff) {
    String pvName = "pvc-" + claim.getMetadata().getUid();
    Map<String, String> parameters =
        storageClass.getParameters() == null ? Map.of() : storageClass.getParameters();
    try {
      var secrets = ProvisionerSecrets.resolve(client, parameters, pvName, claim);
      var volume =
          controller.createVolume(
              pvName, parameters, claim.getSpec().getAccessModes(), secrets.provisionerData());
      bind(
          claim,
          client
              .persistentVolumes()
              .resource(volumeFor(claim, storageClass, pvName, volume, secrets))
              .create());
      events.normal(
          claim, PROVISIONER, "ProvisioningSucceeded", "Successfully provisioned volume " + pvName);
    } catch (ProvisioningError e) {
      retry(claim, storageClass, e.getMessage(), backoff);
    } catch (SdkClientException e) {
      // S3 unreachable from the controller: a CreateVolume error like any other, reported and
      // retried.
      retry(claim, storageClass, "rpc error: code = Internal desc = " + e.getMessage(), backoff);
    }
  }

  private void retry(
      PersistentVolumeClaim claim, StorageClass storageClass, String error, Duration backoff) {
    events.warning(
        claim,
        PROVISIONER,
        "ProvisioningFailed",
        "failed to provision volume with StorageClass \""
            + storageClass.getMetadata().getName()
            + "\": "
            + error);
    if (refused.add(claim.getMetadata().getUid())) {
      timeline.changed(claim, Timeline.ChangeKind.REFUSED, claim.getMetadata().getName());
    }
    Duration next =
        backoff.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : backoff.multipliedBy(2);
    String namespace = claim.getMetadata().getNamespace();
    String name = claim.getMetadata().getName();
    workers.schedule(
        () -> guarded("provision", () -> attempt(namespace, name, next)),
        backoff.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void bind(PersistentVolumeClaim claim, PersistentVolume volume) {
    var claims =
        client
            .persistentVolumeClaims()
            .inNamespace(claim.getMetadata().getNamespace())
            .withName(claim.getMetadata().getName());
    claims.edit(
        c ->
            new PersistentVolumeClaimBuilder(c)
                .editSpec()
                .withVolumeName(volume.getMetadata().getName())
                .endSpec()
                .editMetadata()
                .addToAnnotations("pv.kubernetes.io/bind-completed", "yes")
                .endMetadata()
                .build());
    claims.editStatus(
        c ->
            new PersistentVolumeClaimBuilder(c)
                .withNewStatus()
                .withPhase("Bound")
                .withAccessModes(claim.getSpec().getAccessModes())
                .withCapacity(claim.getSpec().getResources().getRequests())
                .endStatus()
                .build());
    timeline.changed(claim, Timeline.ChangeKind.BOUND, claim.getMetadata().getName());
  }

  /** The PV controller binding a PVC that names its PV (static provisioning). */
  private void bindStatic(PersistentVolumeClaim claim) {
    PersistentVolume volume =
        client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
    if (volume == null) {
      workers.schedule(() -> guarded("bind", () -> bindStatic(claim)), 200, TimeUnit.MILLISECONDS);
      return;
    }
    client
        .persistentVolumes()
        .withName(volume.getMetadata().getName())
        .editStatus(
            v ->
                new PersistentVolumeBuilder(v)
                    .withNewStatus()
                    .withPhase("Bound")
                    .endStatus()
                    .build());
    bind(claim, volume);
  }

  private PersistentVolume volumeFor(
      PersistentVolumeClaim claim,
      StorageClass storageClass,
      String pvName,
      CsiController.Volume volume,
      ProvisionerSecrets.Resolved secrets) {
    List<String> mountOptions =
        faults.contains(Fault.MOUNT_OPTIONS_DROPPED) ? null : storageClass.getMountOptions();
    var secret = secrets.provisioner();
    var attributes = new HashMap<>(volume.attributes());
    attributes.put("storage.kubernetes.io/csiProvisionerIdentity", "sandbox-" + NAME);
    var builder =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName(pvName)
            .withFinalizers(PROVISIONER_FINALIZER)
            .withAnnotations(
                Map.of(
                    "pv.kubernetes.io/provisioned-by",
                    NAME,
                    DELETION_SECRET_NAME,
                    secret.map(ProvisionerSecrets.SecretRef::name).orElse(""),
                    DELETION_SECRET_NAMESPACE,
                    secret.map(ProvisionerSecrets.SecretRef::namespace).orElse("")))
            .endMetadata()
            .withNewSpec()
            .withAccessModes(claim.getSpec().getAccessModes())
            .withCapacity(claim.getSpec().getResources().getRequests())
            .withNewClaimRef()
            .withApiVersion("v1")
            .withKind("PersistentVolumeClaim")
            .withNamespace(claim.getMetadata().getNamespace())
            .withName(claim.getMetadata().getName())
            .withUid(claim.getMetadata().getUid())
            .endClaimRef()
            .withPersistentVolumeReclaimPolicy(storageClass.getReclaimPolicy())
            .withStorageClassName(storageClass.getMetadata().getName())
            .withMountOptions(mountOptions)
            .withVolumeMode("Filesystem")
            .withNewCsi()
            .withDriver(NAME)
            .withVolumeHandle(volume.handle())
            .withVolumeAttributes(attributes)
            .endCsi()
            .endSpec()
            .withNewStatus()
            .withPhase("Bound")
            .endStatus();
    secrets
        .nodePublish()
        .ifPresent(
            ref ->
                builder
                    .editSpec()
                    .editCsi()
                    .withNewNodePublishSecretRef(ref.name(), ref.namespace())
                    .endCsi()
                    .endSpec());
    return builder.build();
  }

  /**
   * The PVC is gone: the PV is Released. reclaimPolicy Delete: DeleteVolume, then the PV goes
   * (external-provisioner deletes it only after DeleteVolume returned OK, which the driver always
   * does). Retain: the PV stays.
   */
  private void reclaim(PersistentVolumeClaim claim) {
    String name = claim.getSpec().getVolumeName();
    PersistentVolume volume = name == null ? null : client.persistentVolumes().withName(name).get();
    if (volume == null) {
      return;
    }
    client
        .persistentVolumes()
        .withName(name)
        .editStatus(
            v ->
                new PersistentVolumeBuilder(v)
                    .withNewStatus()
                    .withPhase("Released")
                    .endStatus()
                    .build());
    boolean reclaimDelete = "Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy());
    if (!reclaimDelete
        || faults.contains(Fault.PV_NOT_DELETED)
        || faults.contains(Fault.DRIVER_DOWN)) {
      return;
    }
    deleting.add(name);
    stages.then(
        workers,
        Timeline.Stage.DELETE,
        claim,
        () ->
            guarded(
                "reclaim",
                () -> {
                  if (deleteVolume(volume, RETRY_START)) {
                    timeline.changed(claim, Timeline.ChangeKind.VOLUME_DELETED, name);
                  }
                }));
  }

  /**
   * external-provisioner's deletion: DeleteVolume with the volume ID and the Secret the PV's
   * deletion annotations name (none when it is gone); on success the PV is deleted and its
   * finalizer removed; a failure is a Warning VolumeFailedDelete on the PV, retried with backoff.
   *
   * @return whether the PV is gone
   */
  private boolean deleteVolume(PersistentVolume volume, Duration backoff) {
    String name = volume.getMetadata().getName();
    var csi = volume.getSpec().getCsi();
    Optional<String> failure =
        "Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())
            ? controller.deleteVolume(
                csi.getVolumeHandle(),
                csi.getVolumeAttributes() == null ? Map.of() : csi.getVolumeAttributes(),
                deletionSecrets(volume))
            : Optional.empty();
    if (failure.isPresent()) {
      events.warning(volume, PROVISIONER, "VolumeFailedDelete", failure.get());
      retryDeletion(volume, backoff);
      return false;
    }
    var pvs = client.persistentVolumes().withName(name);
    try {
      pvs.edit(
          pv ->
              new PersistentVolumeBuilder(pv)
                  .editMetadata()
                  .removeFromFinalizers(PROVISIONER_FINALIZER)
                  .endMetadata()
                  .build());
      pvs.delete();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return true;
      }
      // A conflict or an API server too busy to answer: external-provisioner requeues the PV, it
      // never forgets it (a PV given up on here stayed Released, or Terminating, for good).
      retryDeletion(volume, backoff);
      return false;
    }
  }

  private void retryDeletion(PersistentVolume volume, Duration backoff) {
    Duration next =
        backoff.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : backoff.multipliedBy(2);
    workers.schedule(
        () -> guarded("delete", () -> deleteVolume(volume, next)),
        backoff.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** handleSecretsForDeletion: the Secret the annotations name; none when unnamed or gone. */
  private Map<String, String> deletionSecrets(PersistentVolume volume) {
    Map<String, String> annotations =
        volume.getMetadata().getAnnotations() == null
            ? Map.of()
            : volume.getMetadata().getAnnotations();
    String name = annotations.getOrDefault(DELETION_SECRET_NAME, "");
    String namespace = annotations.getOrDefault(DELETION_SECRET_NAMESPACE, "");
    if (name.isEmpty()) {
      return Map.of();
    }
    var secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      LOG.info(
          "failed to get credentials for deleting PV {}: Secret {}/{} is gone",
          volume.getMetadata().getName(),
          namespace,
          name);
      return Map.of();
    }
    return ProvisionerSecrets.data(secret);
  }

  private static void guarded(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("simulated driver: {} failed", what, e);
    }
  }

  public static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    if (volumes != null) {
      volumes.close();
    }
    workers.shutdownNow();
  }
}
