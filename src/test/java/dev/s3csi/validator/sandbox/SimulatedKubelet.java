package dev.s3csi.validator.sandbox;

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

import dev.s3csi.validator.kube.MountOptions;
import dev.s3csi.validator.probe.Probe;
import dev.s3csi.validator.probe.ProbeInvocation;
import dev.s3csi.validator.probe.ProbeResult;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Checks.BucketState;
import dev.s3csi.validator.s3.S3UnavailableException;
import dev.s3csi.validator.scenario.steps.VolumeLocation;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * One node: the scheduler's part for it (pods nobody placed are bound to it through the binding
 * subresource when their node selector matches its labels), kubelet and the driver's node side:
 * mounts a pod's PVC (failing as mountpoint does when the bucket is missing) and runs the pod's
 * probe program against the bucket through {@link MountpointS3Volume}, then reports the result as
 * kubelet would: phase and termination message. A pod deleted on the node is gone once kubelet has
 * stopped it (its graceful deletion is completed), as on a real node. It works the same against the
 * sandbox's API server and a real one.
 */
public final class SimulatedKubelet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedKubelet.class);
  private static final String KUBELET = "kubelet";
  private static final int TERMINATION_MESSAGE_LIMIT = 4096;
  private static final long RETRY_MILLIS = 200;

  private final KubernetesClient client;
  private final String nodeName;
  private final Map<String, String> nodeLabels;
  private final S3Client s3;
  private final S3Checks s3Checks;
  private final Set<Fault> faults;
  private final SlowStages stages;
  private final Timeline timeline;
  private final ClusterEvents events;
  private final ScheduledExecutorService workers =
      Executors.newScheduledThreadPool(
          SimulatedDriver.WORKERS, r -> SimulatedDriver.daemon(r, "sandbox-kubelet"));
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> mountFailureReported = ConcurrentHashMap.newKeySet();
  private final Set<String> unschedulableReported = ConcurrentHashMap.newKeySet();
  private SharedIndexInformer<Pod> informer;

  SimulatedKubelet(
      KubernetesClient client,
      String nodeName,
      S3Client s3,
      Set<Fault> faults,
      SlowStages stages,
      Timeline timeline) {
    this.client = client;
    this.nodeName = nodeName;
    this.nodeLabels =
        Map.of(
            "kubernetes.io/hostname",
            nodeName,
            "kubernetes.io/os",
            "linux",
            "kubernetes.io/arch",
            "amd64");
    this.s3 = s3;
    this.s3Checks = new S3Checks(s3);
    this.faults = faults;
    this.stages = stages;
    this.timeline = timeline;
    this.events = new ClusterEvents(client);
  }

  /** A node with none of the sandbox's faults, for a real control plane; {@link #start()} it. */
  public static SimulatedKubelet healthy(KubernetesClient client, String nodeName, S3Client s3) {
    Timeline timeline = new Timeline();
    return new SimulatedKubelet(
        client,
        nodeName,
        s3,
        Set.of(),
        new SlowStages(Set.of(), Duration.ZERO, timeline),
        timeline);
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
    if (node == null && pod.getMetadata().getDeletionTimestamp() == null) {
      workers.submit(() -> guarded(pod, () -> schedule(pod)));
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
    }
  }

  /** The scheduler's part: a pod whose node selector this node satisfies is bound to it. */
  private void schedule(Pod pod) {
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
    try {
      client
          .bindings()
          .inNamespace(pod.getMetadata().getNamespace())
          .resource(
              new BindingBuilder()
                  .withNewMetadata()
                  .withName(pod.getMetadata().getName())
                  .withNamespace(pod.getMetadata().getNamespace())
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
   * Waits for the pod's volume to be bound, then mounts it (after the stage's delay) and runs the
   * pod.
   */
  private void tryStart(String namespace, String name) {
    try {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
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
    } catch (S3UnavailableException e) {
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

  private record Mount(String volumeName, String bucket, List<String> options) {}

  /** The PV of the pod's PVC, once the PVC is bound to it. */
  private Optional<PersistentVolume> boundVolume(Pod pod) {
    Optional<Volume> claimVolume =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getPersistentVolumeClaim() != null)
            .findFirst();
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

  private Optional<Mount> mount(Pod pod, PersistentVolume volume) {
    // The node plugin mounts volumeAttributes.bucketName, with the shared-bucket prefix the
    // reference
    // driver records there, and the PV's mount options.
    var location = VolumeLocation.of(volume);
    List<String> options =
        new ArrayList<>(
            volume.getSpec().getMountOptions() == null
                ? List.of()
                : volume.getSpec().getMountOptions());
    String attributePrefix =
        volume.getSpec().getCsi().getVolumeAttributes() == null
            ? null
            : volume.getSpec().getCsi().getVolumeAttributes().get(VolumeLocation.PREFIX_ATTRIBUTE);
    if (attributePrefix != null) {
      options.add(MountOptions.PREFIX + "=" + attributePrefix);
    }
    String failure =
        faults.contains(Fault.MOUNT_FAILS)
            ? "Error: Failed to create S3 client: Access Denied"
            : s3Checks.headBucket(location.bucket()) != BucketState.EXISTS
                ? "Error: Failed to create mount process: bucket "
                    + location.bucket()
                    + " does not exist"
                : null;
    if (failure != null) {
      if (mountFailureReported.add(pod.getMetadata().getUid())) {
        events.warning(
            pod,
            KUBELET,
            "FailedMount",
            "MountVolume.SetUp failed for volume \""
                + volume.getMetadata().getName()
                + "\" : rpc error: code = Internal desc = Could not mount \""
                + location.bucket()
                + "\" at \"/var/lib/kubelet/pods/"
                + pod.getMetadata().getUid()
                + "/volumes/kubernetes.io~csi/"
                + volume.getMetadata().getName()
                + "/mount\": mountpoint Pod mp-sandbox failed: "
                + failure);
      }
      return Optional.empty();
    }
    return Optional.of(new Mount(volume.getMetadata().getName(), location.bucket(), options));
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
              new MountpointS3Volume(s3, mount.bucket(), mount.options(), faults));
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
  }
}
