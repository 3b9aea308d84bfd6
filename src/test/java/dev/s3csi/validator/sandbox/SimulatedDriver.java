package dev.s3csi.validator.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3UnavailableException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The CSI controller side of the Scality driver plus the external-provisioner sidecar and the
 * PV controller: provisions PVCs of its StorageClasses into buckets and PVs, binds them, emits the
 * real event texts, and reclaims PVs when their PVCs go.
 */
final class SimulatedDriver implements AutoCloseable {
  static final String NAME = "s3.csi.scality.com";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDriver.class);
  private static final String PROVISIONER = NAME + "_csi-controller_sandbox";
  private static final String PV_CONTROLLER = "persistentvolume-controller";

  private final KubernetesClient client;
  private final S3Client s3;
  private final S3Checks s3Checks;
  private final Set<Fault> faults;
  private final ClusterEvents events;
  /** How soon a provisioning or deletion that S3 refused is tried again, as the external-provisioner does. */
  private static final long RETRY_MILLIS = 250;
  private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(4, r -> daemon(r, "sandbox-driver"));
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private SharedIndexInformer<PersistentVolumeClaim> informer;

  SimulatedDriver(KubernetesClient client, S3Client s3, Set<Fault> faults) {
    this.client = client;
    this.s3 = s3;
    this.s3Checks = new S3Checks(s3);
    this.faults = faults;
    this.events = new ClusterEvents(client);
  }

  void start() {
    informer = client.persistentVolumeClaims().inAnyNamespace().inform(new ResourceEventHandler<>() {
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
  }

  private void onClaim(PersistentVolumeClaim claim) {
    if (claim.getSpec().getVolumeName() == null && seen.add(claim.getMetadata().getUid())) {
      workers.submit(() -> guarded("provision", () -> provision(claim)));
    }
  }

  private void provision(PersistentVolumeClaim seenClaim) {
    // Retries act on the claim as it is now: gone or bound means nothing to do.
    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(seenClaim.getMetadata().getNamespace())
        .withName(seenClaim.getMetadata().getName()).get();
    if (claim == null || claim.getMetadata().getDeletionTimestamp() != null || claim.getSpec().getVolumeName() != null) {
      return;
    }
    StorageClass storageClass = client.storage().v1().storageClasses().withName(claim.getSpec().getStorageClassName()).get();
    if (storageClass == null || !NAME.equals(storageClass.getProvisioner())) {
      return;
    }
    events.normal(claim, PV_CONTROLLER, "ExternalProvisioning", "Waiting for a volume to be created either by the"
        + " external provisioner '" + NAME + "' or manually by the system administrator. If volume creation is"
        + " delayed, please verify that the provisioner is running and correctly registered.");
    if (faults.contains(Fault.DRIVER_DOWN)) {
      return;
    }
    String claimRef = claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName();
    events.normal(claim, PROVISIONER, "Provisioning", "External provisioner is provisioning volume for claim \"" + claimRef + "\"");
    String bucket = "csi-s3-" + UUID.randomUUID();
    if (!faults.contains(Fault.BUCKET_MISSING)) {
      try {
        s3.createBucket(b -> b.bucket(bucket));
      } catch (SdkException e) {
        events.warning(claim, PROVISIONER, "ProvisioningFailed", "failed to provision volume with StorageClass \""
            + storageClass.getMetadata().getName() + "\": rpc error: code = Internal desc = failed to create bucket "
            + bucket + ": " + e.getMessage());
        throw e;
      }
    }
    PersistentVolume volume = client.persistentVolumes().resource(volumeFor(claim, storageClass, bucket)).create();
    client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
        .edit(c -> new PersistentVolumeClaimBuilder(c)
            .editSpec().withVolumeName(volume.getMetadata().getName()).endSpec()
            .editMetadata().addToAnnotations("pv.kubernetes.io/bind-completed", "yes").endMetadata()
            .build());
    client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
        .editStatus(c -> new PersistentVolumeClaimBuilder(c)
            .withNewStatus()
            .withPhase("Bound")
            .withAccessModes(claim.getSpec().getAccessModes())
            .withCapacity(claim.getSpec().getResources().getRequests())
            .endStatus()
            .build());
    events.normal(claim, PROVISIONER, "ProvisioningSucceeded", "Successfully provisioned volume " + volume.getMetadata().getName());
  }

  private static PersistentVolume volumeFor(PersistentVolumeClaim claim, StorageClass storageClass, String bucket) {
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName("pvc-" + claim.getMetadata().getUid())
        .withAnnotations(Map.of(
            "pv.kubernetes.io/provisioned-by", NAME,
            "volume.kubernetes.io/provisioner-deletion-secret-name", "",
            "volume.kubernetes.io/provisioner-deletion-secret-namespace", ""))
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
        .withMountOptions(storageClass.getMountOptions())
        .withVolumeMode("Filesystem")
        .withNewCsi()
        .withDriver(NAME)
        .withVolumeHandle(bucket)
        .withVolumeAttributes(Map.of(
            "bucketName", bucket,
            "dynamicProvisioning", "true",
            "authenticationSource", "driver",
            "storage.kubernetes.io/csiProvisionerIdentity", "sandbox-" + NAME))
        .endCsi()
        .endSpec()
        .withNewStatus()
        .withPhase("Bound")
        .endStatus()
        .build();
  }

  /** reclaimPolicy Delete: DeleteVolume (the bucket goes, content and all, as the seed expects), then the PV. */
  private void reclaim(PersistentVolumeClaim claim) {
    String name = claim.getSpec().getVolumeName();
    // A retry finds the PV gone when someone else deleted it meanwhile: nothing left to do.
    PersistentVolume volume = name == null ? null : client.persistentVolumes().withName(name).get();
    if (volume == null || !"Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())) {
      return;
    }
    s3Checks.emptyAndDelete(volume.getSpec().getCsi().getVolumeHandle());
    client.persistentVolumes().withName(name).delete();
  }

  /** Runs a controller action; one that S3 refused is retried until S3 answers. */
  private void guarded(String what, Runnable action) {
    try {
      action.run();
    } catch (S3UnavailableException | SdkException e) {
      LOG.info("simulated driver: {} failed, retrying: {}", what, e.getMessage());
      workers.schedule(() -> guarded(what, action), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      LOG.warn("simulated driver: {} failed", what, e);
    }
  }

  static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    workers.shutdownNow();
  }
}
