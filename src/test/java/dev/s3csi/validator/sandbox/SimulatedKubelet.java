package dev.s3csi.validator.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

import dev.s3csi.validator.probe.Probe;
import dev.s3csi.validator.probe.ProbeInvocation;
import dev.s3csi.validator.probe.ProbeResult;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One node: the scheduler's part for it (pods nobody placed are bound to it through the binding
 * subresource when their node selector matches its labels; a pod whose PVC waits for its first
 * consumer first gets the PVC provisioned for this node, as the scheduler's VolumeBinding plugin
 * does), kubelet and the driver's node side: mounts a pod's PVC (failing as mountpoint does when
 * the bucket is missing) and runs the pod's probe program against the bucket through {@link
 * MountpointS3Volume}, then reports the result as kubelet would: phase and termination message. A
 * pod deleted on the node is gone once kubelet has stopped it (its graceful deletion is completed),
 * as on a real node. It works the same against the sandbox's API server and a real one.
 */
public final class SimulatedKubelet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedKubelet.class);
  private static final String KUBELET = "kubelet";

  private static final int TERMINATION_MESSAGE_LIMIT = 4096;
  private static final long RETRY_MILLIS = 200;

  private final KubernetesClient client;
  private final String nodeName;
  private final Map<String, String> nodeLabels;
  private final URI s3Endpoint;
  private final S3Keys driverKeys;
  private final Map<S3Keys, S3Client> mountClients = new ConcurrentHashMap<>();
  private final Set<Fault> faults;
  private final SlowStages stages;
  private final Timeline timeline;
  private final ClusterEvents events;
  private final ScheduledExecutorService workers =
      Executors.newScheduledThreadPool(
          SimulatedDriver.WORKERS, r -> SimulatedDriver.daemon(r, "sandbox-kubelet"));
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Duration failedMountDelay;
  private final Map<String, Instant> firstMountFailure = new ConcurrentHashMap<>();
  private final Set<String> mountFailureReported = ConcurrentHashMap.newKeySet();
  private final Set<String> unschedulableReported = ConcurrentHashMap.newKeySet();
  private final Set<String> scheduling = ConcurrentHashMap.newKeySet();
  private SharedIndexInformer<Pod> informer;

  SimulatedKubelet(
      KubernetesClient client,
      String nodeName,
      URI s3Endpoint,
      S3Keys driverKeys,
      Set<Fault> faults,
      SlowStages stages,
      Timeline timeline,
      Duration failedMountDelay) {
    this.client = client;
    this.failedMountDelay = failedMountDelay;
    this.nodeName = nodeName;
    this.nodeLabels =
        Map.of(
            "kubernetes.io/hostname",
            nodeName,
            "kubernetes.io/os",
            "linux",
            "kubernetes.io/arch",
            "amd64");
    this.s3Endpoint = s3Endpoint;
    this.driverKeys = driverKeys;
    this.faults = faults;
    this.stages = stages;
    this.timeline = timeline;
    this.events = new ClusterEvents(client);
  }

  /**
   * A node with none of the sandbox's faults, for a real control plane; {@link #start()} it.
   *
   * @param driverKeys the keys of the driver's Helm Secret, which mounts use unless the PV says
   *     otherwise
   */
  public static SimulatedKubelet healthy(
      KubernetesClient client, String nodeName, URI s3Endpoint, S3Keys driverKeys) {
    Timeline timeline = Timeline.anonymous();
    return new SimulatedKubelet(
        client,
        nodeName,
        s3Endpoint,
        driverKeys,
        Set.of(),
        new SlowStages(Set.of(), Duration.ZERO, timeline),
        timeline,
        Duration.ZERO);
  }

  public void start() {
    register();
    informer =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    onPod(pod);
                  }

                  @Override
                  public void onUpdate(Pod before, Pod pod) {
                    onPod(pod);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean finalStateUnknown) {}
                });
  }

  /** The Node object kubelet registers, Ready. */
  private void register() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(nodeName)
            .withLabels(nodeLabels)
            .endMetadata()
            .build();
    if (client.nodes().withName(nodeName).get() == null) {
      client.nodes().resource(node).create();
    }
    client
        .nodes()
        .withName(nodeName)
        .editStatus(
            n ->
                new NodeBuilder(n)
                    .withNewStatus()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("KubeletReady")
                    .withMessage("kubelet is posting ready status")
                    .endCondition()
                    .endStatus()
                    .build());
  }

  private void onPod(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    String node = pod.getSpec().getNodeName();
    if (node == null
        && pod.getMetadata().getDeletionTimestamp() == null
        && scheduling.add(pod.getMetadata().getUid())) {
      workers.submit(() -> guarded(pod, () -> schedule(namespace, name)));
    } else if (nodeName.equals(node) && pod.getMetadata().getDeletionTimestamp() != null) {
      workers.submit(
          () ->
              guarded(
                  pod,
                  () ->
                      client
                          .pods()
                          .inNamespace(namespace)
                          .withName(name)
                          .withGracePeriod(0)
                          .delete()));
    } else if (nodeName.equals(node) && started.add(pod.getMetadata().getUid())) {
      workers.submit(() -> tryStart(namespace, name));
      Long deadline = pod.getSpec().getActiveDeadlineSeconds();
      if (deadline != null) {
        workers.schedule(
            () -> guarded(pod, () -> endIfStillActive(namespace, name)),
            deadline,
            TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The scheduler's part: a pod whose node selector this node satisfies is bound to it, once the
   * PVCs it uses that wait for their first consumer are bound (VolumeBinding's PreBind: the PVC is
   * annotated with the selected node, and the pod waits for the provisioner to bind it).
   */
  private void schedule(String namespace, String name) {
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod == null
        || pod.getMetadata().getDeletionTimestamp() != null
        || pod.getSpec().getNodeName() != null) {
      return;
    }
    Map<String, String> selector =
        pod.getSpec().getNodeSelector() == null ? Map.of() : pod.getSpec().getNodeSelector();
    if (!nodeLabels.entrySet().containsAll(selector.entrySet())) {
      if (unschedulableReported.add(pod.getMetadata().getUid())) {
        events.warning(
            pod,
            "default-scheduler",
            "FailedScheduling",
            "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
      }
      return;
    }
    if (!volumesProvisionedForThisNode(pod)) {
      workers.schedule(
          () -> guarded(pod, () -> schedule(namespace, name)), RETRY_MILLIS, TimeUnit.MILLISECONDS);
      return;
    }
    try {
      client
          .bindings()
          .inNamespace(namespace)
          .resource(
              new BindingBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .endMetadata()
                  .withNewTarget()
                  .withApiVersion("v1")
                  .withKind("Node")
                  .withName(nodeName)
                  .endTarget()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // Bound already (409), or gone: either way there is nothing left to schedule.
      if (e.getCode() != 409 && e.getCode() != 404) {
        throw e;
      }
    }
  }

  /**
   * False while a PVC of the pod waits for its first consumer: the PVC gets this node as its
   * selected node (once), and the pod is bound only when the PVC is.
   */
  private boolean volumesProvisionedForThisNode(Pod pod) {
    Optional<Volume> claimVolume = claimVolume(pod);
    if (claimVolume.isEmpty()) {
      return true;
    }
    var claims =
        client
            .persistentVolumeClaims()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(claimVolume.get().getPersistentVolumeClaim().getClaimName());
    PersistentVolumeClaim claim = claims.get();
    if (claim == null || claim.getSpec().getVolumeName() != null || !waitsForConsumer(claim)) {
      return true;
    }
    if (!FirstConsumerBinding.nodeSelected(claim)) {
      claims.edit(
          c ->
              new PersistentVolumeClaimBuilder(c)
                  .editMetadata()
                  .addToAnnotations(FirstConsumerBinding.SELECTED_NODE, nodeName)
                  .endMetadata()
                  .build());
    }
    return false;
  }

  private boolean waitsForConsumer(PersistentVolumeClaim claim) {
    String name = claim.getSpec().getStorageClassName();
    return name != null
        && !name.isEmpty()
        && FirstConsumerBinding.waitsForFirstConsumer(
            client.storage().v1().storageClasses().withName(name).get());
  }

  private static void guarded(Pod pod, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn(
          "simulated kubelet: pod {}/{} failed",
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          e);
    }
  }

  /**
   * activeDeadlineSeconds, counted from the pod's admission to the node: a pod still not finished
   * then is failed by kubelet, whatever it was waiting for (a mount, typically).
   */
  private void endIfStillActive(String namespace, String name) {
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod == null || isFinished(pod)) {
      return;
    }
    client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            p ->
                new PodBuilder(p)
                    .editOrNewStatus()
                    .withPhase("Failed")
                    .withReason("DeadlineExceeded")
                    .withMessage("Pod was active on the node longer than the specified deadline")
                    .endStatus()
                    .build());
  }

  private static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /**
   * Waits for the pod's volume to be bound, then mounts it (after the stage's delay) and runs the
   * pod.
   */
  private void tryStart(String namespace, String name) {
    try {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      if (pod == null || pod.getMetadata().getDeletionTimestamp() != null || isFinished(pod)) {
        return;
      }
      Optional<PersistentVolume> volume = boundVolume(pod);
      if (volume.isEmpty()) {
        retryLater(namespace, name);
        return;
      }
      stages.then(workers, Timeline.Stage.MOUNT, pod, () -> mountAndRun(pod, volume.get()));
    } catch (RuntimeException e) {
      LOG.warn("simulated kubelet: pod {}/{} failed", namespace, name, e);
    }
  }

  /** One attempt to mount and run; a mount that fails is retried, as kubelet does. */
  private void mountAndRun(Pod pod, PersistentVolume volume) {
    try {
      Optional<Mount> mount = mount(pod, volume);
      if (mount.isEmpty()) {
        retryLater(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        return;
      }
      run(pod, mount.get());
    } catch (SdkClientException e) {
      // The mount needs S3; kubelet keeps retrying a mount that fails.
      retryLater(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    } catch (RuntimeException e) {
      LOG.warn(
          "simulated kubelet: pod {}/{} failed",
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          e);
    }
  }

  private void retryLater(String namespace, String name) {
    workers.schedule(() -> tryStart(namespace, name), RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private record Mount(String volumeName, String bucket, List<String> options, S3Client s3) {}

  /** The PV of the pod's PVC, once the PVC is bound to it. */
  private Optional<PersistentVolume> boundVolume(Pod pod) {
    Optional<Volume> claimVolume = claimVolume(pod);
    if (claimVolume.isEmpty()) {
      return Optional.empty();
    }
    String claimName = claimVolume.get().getPersistentVolumeClaim().getClaimName();
    PersistentVolumeClaim claim =
        client
            .persistentVolumeClaims()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(claimName)
            .get();
    if (claim == null || claim.getSpec().getVolumeName() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get());
  }

  private static Optional<Volume> claimVolume(Pod pod) {
    return pod.getSpec().getVolumes().stream()
        .filter(v -> v.getPersistentVolumeClaim() != null)
        .findFirst();
  }

  /**
   * Whether the pod asked for its PVC read-only, in the pod's volume (kubelet passes it to
   * NodePublishVolume and mounts the volume read-only into every container) or in the container's
   * volume mount.
   */
  private boolean mountsReadOnly(Pod pod) {
    if (faults.contains(Fault.READ_ONLY_IGNORED)) {
      return false;
    }
    Optional<Volume> volume = claimVolume(pod);
    if (volume.isEmpty()) {
      return false;
    }
    boolean podAsks = Boolean.TRUE.equals(volume.get().getPersistentVolumeClaim().getReadOnly());
    boolean containerAsks =
        pod.getSpec().getContainers().get(0).getVolumeMounts().stream()
            .anyMatch(
                m ->
                    m.getName().equals(volume.get().getName())
                        && Boolean.TRUE.equals(m.getReadOnly()));
    return podAsks || containerAsks;
  }

  /**
   * NodePublishVolume: the bucket of volumeAttributes.bucketName, with the keys the node's
   * credential provider picks, and the PV's mount options (plus the reference driver's
   * shared-bucket prefix, which it records as an attribute). A failure is retried, and reported
   * once as kubelet's FailedMount when it still fails after the node's failed-mount delay.
   */
  private Optional<Mount> mount(Pod pod, PersistentVolume volume) {
    Map<String, String> attributes =
        volume.getSpec().getCsi().getVolumeAttributes() == null
            ? Map.of()
            : volume.getSpec().getCsi().getVolumeAttributes();
    String bucket = attributes.get("bucketName");
    List<String> options =
        new ArrayList<>(
            volume.getSpec().getMountOptions() == null
                ? List.of()
                : volume.getSpec().getMountOptions());
    if (attributes.get("prefix") != null) {
      options.add("prefix=" + attributes.get("prefix"));
    }
    String failure = null;
    S3Client s3 = null;
    try {
      if (bucket == null || bucket.isEmpty()) {
        failure = "rpc error: code = InvalidArgument desc = Bucket name not provided";
      } else {
        Map<String, String> secretData = nodePublishSecret(volume);
        try {
          s3 =
              mountClients.computeIfAbsent(
                  NodeCredentials.resolve(attributes, secretData, driverKeys),
                  keys -> S3Clients.mount(s3Endpoint, keys));
          String error =
              faults.contains(Fault.MOUNT_FAILS) ? accessDenied() : mountpointError(s3, bucket);
          failure = error == null ? null : couldNotMount(pod, volume, bucket, error);
        } catch (NodeCredentials.Refused e) {
          failure = couldNotMount(pod, volume, bucket, e.getMessage());
        }
      }
    } catch (NodeCredentials.Refused e) {
      failure = e.getMessage();
    }
    if (failure != null) {
      Instant first =
          firstMountFailure.computeIfAbsent(pod.getMetadata().getUid(), uid -> Instant.now());
      boolean reportable = !Instant.now().isBefore(first.plus(failedMountDelay));
      if (reportable && mountFailureReported.add(pod.getMetadata().getUid())) {
        events.warning(
            pod,
            KUBELET,
            "FailedMount",
            "MountVolume.SetUp failed for volume \""
                + volume.getMetadata().getName()
                + "\" : "
                + failure);
      }
      return Optional.empty();
    }
    return Optional.of(new Mount(volume.getMetadata().getName(), bucket, options, s3));
  }

  /**
   * kubelet's part: the data of the Secret nodePublishSecretRef names, empty without one; a Secret
   * that cannot be read fails the mount before the driver is called.
   */
  private Map<String, String> nodePublishSecret(PersistentVolume volume)
      throws NodeCredentials.Refused {
    SecretReference ref = volume.getSpec().getCsi().getNodePublishSecretRef();
    if (ref == null) {
      return Map.of();
    }
    Secret secret = client.secrets().inNamespace(ref.getNamespace()).withName(ref.getName()).get();
    if (secret == null) {
      throw new NodeCredentials.Refused(
          "fetching NodePublishSecretRef "
              + ref.getNamespace()
              + "/"
              + ref.getName()
              + " failed: kubernetes.io/csi: failed to find the secret "
              + ref.getName()
              + " in the namespace "
              + ref.getNamespace()
              + " with error: secrets \""
              + ref.getName()
              + "\" not found");
    }
    return ProvisionerSecrets.data(secret);
  }

  private static String accessDenied() {
    return "mountpoint Pod mp-sandbox failed: Error: Failed to create S3 client: Access Denied";
  }

  /** How the driver's NodePublishVolume reports a failed mount (codes.Internal). */
  private static String couldNotMount(
      Pod pod, PersistentVolume volume, String bucket, String error) {
    return "rpc error: code = Internal desc = Could not mount \""
        + bucket
        + "\" at \"/var/lib/kubelet/pods/"
        + pod.getMetadata().getUid()
        + "/volumes/kubernetes.io~csi/"
        + volume.getMetadata().getName()
        + "/mount\": "
        + error;
  }

  /** What mount-s3 says when it cannot use the bucket; null when it can. */
  private static String mountpointError(S3Client s3, String bucket) {
    return switch (S3Buckets.head(s3, bucket)) {
      case EXISTS -> null;
      case MISSING ->
          "mountpoint Pod mp-sandbox failed: Error: Failed to create mount process: bucket "
              + bucket
              + " does not exist";
      case FORBIDDEN -> accessDenied();
    };
  }

  private void run(Pod pod, Mount mount) {
    String startedAt = now();
    updateStatus(pod, "Running", null, startedAt);
    Container container = pod.getSpec().getContainers().get(0);
    List<String> args = container.getArgs();
    int exitCode;
    String message;
    try {
      ProbeInvocation invocation = ProbeInvocation.parse(args.subList(1, args.size()));
      ProbeResult result =
          Probe.run(
              invocation.plan(),
              new MountpointS3Volume(
                  mount.s3(), mount.bucket(), mount.options(), mountsReadOnly(pod), faults));
      // What the probe program writes to its termination message file.
      message = ProbeInvocation.toBoundedJson(result, ProbeResult.TERMINATION_MESSAGE_LIMIT);
      exitCode = result.ok() ? 0 : 1;
    } catch (RuntimeException e) {
      message = "probe: " + e.getMessage();
      exitCode = 2;
    }
    // The kubelet reads the last 4096 bytes of the file (tail.ReadAtMost with
    // kubecontainer.MaxContainerTerminationMessageLength), whatever they cut.
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    String bounded =
        bytes.length <= TERMINATION_MESSAGE_LIMIT
            ? message
            : new String(
                bytes,
                bytes.length - TERMINATION_MESSAGE_LIMIT,
                TERMINATION_MESSAGE_LIMIT,
                StandardCharsets.UTF_8);
    String phase = exitCode == 0 ? "Succeeded" : "Failed";
    updateStatus(pod, phase, new Terminated(exitCode, bounded, startedAt), startedAt);
    timeline.changed(pod, Timeline.ChangeKind.POD_FINISHED, pod.getMetadata().getName());
  }

  private record Terminated(int exitCode, String message, String startedAt) {}

  private void updateStatus(Pod pod, String phase, Terminated terminated, String startedAt) {
    Container container = pod.getSpec().getContainers().get(0);
    var status =
        new ContainerStatusBuilder()
            .withName(container.getName())
            .withImage(container.getImage())
            .withReady(terminated == null)
            .withRestartCount(0)
            .withStarted(terminated == null);
    if (terminated == null) {
      status.withNewState().withNewRunning(startedAt).endState();
    } else {
      status
          .withNewState()
          .withNewTerminated()
          .withExitCode(terminated.exitCode())
          .withReason(terminated.exitCode() == 0 ? "Completed" : "Error")
          .withMessage(terminated.message())
          .withStartedAt(terminated.startedAt())
          .withFinishedAt(now())
          .endTerminated()
          .endState();
    }
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .editStatus(
            p ->
                new PodBuilder(p)
                    .withNewStatus()
                    .withPhase(phase)
                    .withStartTime(startedAt)
                    .withContainerStatuses(status.build())
                    .endStatus()
                    .build());
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    workers.shutdownNow();
    mountClients.values().forEach(S3Client::close);
  }
}
