package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.engine.WarningEvents;
import dev.s3csi.validator.kube.ProbePodFactory;
import dev.s3csi.validator.probe.ProbeInvocation;
import dev.s3csi.validator.probe.ProbePlan;
import dev.s3csi.validator.probe.ProbePlan.WriteFile;
import dev.s3csi.validator.probe.ProbeResult;
import dev.s3csi.validator.probe.ProbeResult.FileResult;
import dev.s3csi.validator.spec.DurationText;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Starts the probe pods, all at once, and awaits their results: each writes its files through the
 * mount and reads back the object put through S3. Pod {@code i} mounts the selected PVC {@code i /
 * podsPerClaim}. Optionally a pod also checks that it cannot see its neighbours' objects (prefix
 * isolation) and deletes the object put through S3 (the allow-delete mount option); or it is the
 * PVC's first consumer, created before the PVC is bound (WaitForFirstConsumer), and only writes; or
 * it mounts the PVC read-only, and every write must be refused.
 */
public final class ProbeStep implements Step {
  private static final int TAIL = 600;
  private final ClaimSelection claims;
  private final int podsPerClaim;
  private final boolean checkIsolation;
  private final Set<Integer> deletingClaims;
  private final boolean consumerFirst;
  private final boolean readOnly;

  private ProbeStep(
      ClaimSelection claims,
      int podsPerClaim,
      boolean checkIsolation,
      Set<Integer> deletingClaims,
      boolean consumerFirst,
      boolean readOnly) {
    this.claims = claims;
    this.podsPerClaim = podsPerClaim;
    this.checkIsolation = checkIsolation;
    this.deletingClaims = Set.copyOf(deletingClaims);
    this.consumerFirst = consumerFirst;
    this.readOnly = readOnly;
  }

  public ProbeStep(ClaimSelection claims, int podsPerClaim) {
    this(claims, podsPerClaim, false, Set.of(), false, false);
  }

  /** Each pod also tries to read every other volume's object by its prefix; it must not exist. */
  public ProbeStep checkingIsolation() {
    return new ProbeStep(claims, podsPerClaim, true, deletingClaims, consumerFirst, readOnly);
  }

  /** The pods of PVC {@code claim} delete the object put through S3 after reading it. */
  public ProbeStep deletingThroughMount(int claim) {
    Set<Integer> deleting = new HashSet<>(deletingClaims);
    deleting.add(claim);
    return new ProbeStep(claims, podsPerClaim, checkIsolation, deleting, consumerFirst, readOnly);
  }

  /**
   * The pods are their PVCs' first consumers, created by {@link ConsumerPodStep} before any PV
   * exists: they only write, as nothing could be put through S3 before the bucket existed.
   */
  public ProbeStep asFirstConsumers() {
    return new ProbeStep(claims, podsPerClaim, checkIsolation, deletingClaims, true, readOnly);
  }

  /**
   * The pods mount their PVC read-only: every write must fail, and the object put through S3 must
   * still be readable.
   */
  public ProbeStep mountingReadOnly() {
    return new ProbeStep(claims, podsPerClaim, checkIsolation, deletingClaims, consumerFirst, true);
  }

  @Override
  public String name() {
    return "probe";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> claimNames = claims.claims(ctx);
    Optional<List<VolumeLocation>> locations = ClaimVolumes.locations(ctx, claimNames);
    if (locations.isEmpty() && !consumerFirst) {
      return awaitingVolumes(claimNames);
    }
    ProbeFiles files = ProbeFiles.of(ctx);
    List<String> running = new ArrayList<>();
    List<Pod> finished = new ArrayList<>();
    for (int i = 0; i < podCount(claimNames); i++) {
      Optional<Pod> pod = existingOrCreated(ctx, i, claimNames, locations, files);
      if (pod.isEmpty()) {
        running.add(ctx.names().probePod(i));
      } else if (isFinished(pod.get())) {
        finished.add(pod.get());
      } else {
        running.add(pod.get().getMetadata().getName() + " (" + phase(pod.get()) + ")");
      }
    }
    if (!running.isEmpty()) {
      return StepResult.awaiting(
          "waiting for probe pod " + String.join(", ", running) + " to finish");
    }
    if (locations.isEmpty()) {
      return awaitingVolumes(claimNames);
    }
    for (int i = 0; i < finished.size(); i++) {
      Optional<StepResult.Failed> failure = judge(ctx, finished.get(i), files, i, locations.get());
      if (failure.isPresent()) {
        return failure.get();
      }
    }
    return StepResult.passed(summary(files, finished.size()));
  }

  /**
   * Creates the probe pods that do not exist yet, whether or not their PVCs are bound (the pods are
   * the consumers WaitForFirstConsumer waits for); returns the names of all of them.
   */
  List<String> createConsumers(ScenarioContext ctx) {
    List<String> claimNames = claims.claims(ctx);
    Optional<List<VolumeLocation>> none = Optional.empty();
    ProbeFiles files = ProbeFiles.of(ctx);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < podCount(claimNames); i++) {
      existingOrCreated(ctx, i, claimNames, none, files);
      names.add(ctx.names().probePod(i));
    }
    return names;
  }

  private int podCount(List<String> claimNames) {
    return claimNames.size() * podsPerClaim;
  }

  private static StepResult awaitingVolumes(List<String> claimNames) {
    return StepResult.awaiting("waiting for the PVs of " + String.join(", ", claimNames));
  }

  /** Probe pod {@code i} as it is; when it does not exist yet, it is created and empty returned. */
  private Optional<Pod> existingOrCreated(
      ScenarioContext ctx,
      int i,
      List<String> claimNames,
      Optional<List<VolumeLocation>> locations,
      ProbeFiles files) {
    String name = ctx.names().probePod(i);
    UniqueNames.add(ctx.resources().getPods(), name);
    Optional<Pod> pod = ctx.cluster().pod(ctx.namespace(), name);
    if (pod.isPresent()) {
      return pod;
    }
    int claim = i / podsPerClaim;
    ProbePlan plan =
        consumerFirst
            ? files.writeOnlyPlan(i)
            : files.plan(i, mustNotSee(locations.orElseThrow(), claim), deletes(claim));
    var invocation =
        new ProbeInvocation(ProbePodFactory.MOUNT_PATH, plan, ProbeInvocation.DEFAULT_RESULT_FILE);
    ctx.writer()
        .create(
            ProbePodFactory.build(
                ctx.run(),
                name,
                ctx.labels(),
                claimNames.get(claim),
                invocation,
                ctx.spec(),
                readOnly));
    return Optional.empty();
  }

  private String summary(ProbeFiles files, int pods) {
    int written = files.sizes().size() * pods;
    if (readOnly) {
      return pods
          + " probe pod(s) were refused all "
          + written
          + " writes through their read-only mount and read "
          + ProbeFiles.S3_PUT_KEY
          + " back intact";
    }
    long bytes = files.writes(0).stream().mapToLong(WriteFile::size).sum() * pods;
    String read = consumerFirst ? "" : " and read " + ProbeFiles.S3_PUT_KEY + " back intact";
    String isolation = checkIsolation ? "; none could see another volume's objects" : "";
    String deleted = deletingClaims.isEmpty() ? "" : "; deleting through the mount worked";
    return pods
        + " probe pod(s) wrote "
        + bytes
        + " bytes in "
        + written
        + " files"
        + read
        + isolation
        + deleted;
  }

  /**
   * Paths under which, through the mount of {@code claim}, the other volumes' objects would show if
   * isolation broke.
   */
  private List<String> mustNotSee(List<VolumeLocation> locations, int claim) {
    if (!checkIsolation) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    for (int other = 0; other < locations.size(); other++) {
      if (other != claim && !locations.get(other).prefix().isEmpty()) {
        paths.add(locations.get(other).key(ProbeFiles.S3_PUT_KEY));
      }
    }
    return paths;
  }

  private List<String> deletes(int claim) {
    return deletingClaims.contains(claim) ? List.of(ProbeFiles.S3_PUT_KEY) : List.of();
  }

  private Optional<StepResult.Failed> judge(
      ScenarioContext ctx, Pod pod, ProbeFiles files, int index, List<VolumeLocation> locations) {
    String name = pod.getMetadata().getName();
    Optional<ContainerStateTerminated> terminated = terminated(pod);
    String message = terminated.map(ContainerStateTerminated::getMessage).orElse("");
    ProbeResult result;
    try {
      result = ProbeInvocation.parseResult(message);
    } catch (JsonProcessingException e) {
      List<String> mountFailures = mountFailures(ctx);
      if (!mountFailures.isEmpty()) {
        // kubelet ended the pod (activeDeadlineSeconds) while its volume was still not mounted.
        return Optional.of(
            StepResult.failed(
                Reason.MountFailed,
                "volume never mounted: probe pod "
                    + name
                    + " ended "
                    + phase(pod)
                    + reasonOf(pod)
                    + " before it ran: "
                    + mountFailures.get(0)));
      }
      ctx.addEvidence("probe pod " + name + " output: " + tail(message));
      String exit =
          terminated.map(t -> " (exit " + t.getExitCode() + ", " + t.getReason() + ")").orElse("");
      return Optional.of(
          StepResult.failed(
              Reason.ProbeFailed,
              "probe pod "
                  + name
                  + " ended "
                  + phase(pod)
                  + exit
                  + " without a result: "
                  + tail(message)));
    }
    int claim = index / podsPerClaim;
    // Isolation first: a mount that ignores its prefix also fails the other checks, for this
    // reason.
    List<FileResult> ordered =
        new ArrayList<>(result.files().stream().filter(ProbeStep::isNeighbourRead).toList());
    result.files().stream().filter(f -> !isNeighbourRead(f)).forEach(ordered::add);
    for (FileResult file : ordered) {
      Optional<StepResult.Failed> failure = judge(name, file, files, index, claim, locations);
      if (failure.isPresent()) {
        ctx.addEvidence("probe pod " + name + " result: " + tail(message));
        return failure;
      }
    }
    if (readOnly) {
      result.failures().stream()
          .filter(f -> "write".equals(f.op()))
          .findFirst()
          .ifPresent(
              f ->
                  ctx.addEvidence(
                      "probe pod " + name + ": write " + f.path() + " refused: " + f.error()));
    }
    return Optional.empty();
  }

  private static boolean isNeighbourRead(FileResult file) {
    return "read".equals(file.op()) && !ProbeFiles.S3_PUT_KEY.equals(file.path());
  }

  private Optional<StepResult.Failed> judge(
      String pod,
      FileResult file,
      ProbeFiles files,
      int index,
      int claim,
      List<VolumeLocation> locations) {
    String where = "probe pod " + pod + " ";
    if (isNeighbourRead(file)) {
      if (file.error() != null) {
        return Optional.empty();
      }
      return Optional.of(
          StepResult.failed(
              Reason.PrefixIsolationBroken,
              where
                  + "(PV "
                  + locations.get(claim).pv()
                  + ", prefix "
                  + locations.get(claim).prefix()
                  + ") could read "
                  + file.path()
                  + ", another volume's object: the mount is not confined to its prefix in bucket "
                  + locations.get(claim).bucket()));
    }
    if (readOnly && "write".equals(file.op())) {
      return file.error() != null
          ? Optional.empty()
          : Optional.of(
              StepResult.failed(
                  Reason.ReadOnlyNotEnforced,
                  where
                      + "wrote "
                      + file.path()
                      + " ("
                      + file.size()
                      + " bytes) through its read-only mount of PV "
                      + locations.get(claim).pv()
                      + ": the volume is writable although the pod mounts it read-only"));
    }
    if ("read".equals(file.op())) {
      if (file.error() != null) {
        return Optional.of(
            StepResult.failed(
                Reason.ObjectMissing,
                where
                    + "cannot read "
                    + file.path()
                    + ", put through S3 at "
                    + locations.get(claim).where()
                    + ", through the mount: "
                    + file.error()));
      }
      if (!files.s3PutSha256(claim).equals(file.sha256())) {
        return Optional.of(
            StepResult.failed(
                Reason.DataMismatch,
                where
                    + "read "
                    + file.path()
                    + " with sha256 "
                    + file.sha256()
                    + ", S3 holds "
                    + files.s3PutSha256(claim)));
      }
      return Optional.empty();
    }
    if ("delete".equals(file.op()) && file.error() != null) {
      return Optional.of(
          StepResult.failed(
              Reason.MountOptionsNotApplied,
              where
                  + "could not delete "
                  + file.path()
                  + " through the mount of PV "
                  + locations.get(claim).pv()
                  + " although its StorageClass sets allow-delete: "
                  + file.error()));
    }
    if (file.error() != null) {
      return Optional.of(
          StepResult.failed(
              Reason.ProbeFailed,
              where + "could not " + file.op() + " " + file.path() + ": " + file.error()));
    }
    Optional<WriteFile> planned =
        files.writes(index).stream().filter(w -> w.path().equals(file.path())).findFirst();
    if ("write".equals(file.op())
        && planned.isPresent()
        && !ProbeFiles.sha256(planned.get()).equals(file.sha256())) {
      return Optional.of(
          StepResult.failed(
              Reason.ProbeFailed,
              where
                  + "wrote "
                  + file.path()
                  + " with sha256 "
                  + file.sha256()
                  + " instead of "
                  + ProbeFiles.sha256(planned.get())
                  + ": is the probe image the validator's?"));
    }
    return Optional.empty();
  }

  static boolean isFinished(Pod pod) {
    String phase = phase(pod);
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? "Pending"
        : pod.getStatus().getPhase();
  }

  private static Optional<ContainerStateTerminated> terminated(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> ProbePodFactory.CONTAINER.equals(c.getName()))
        .map(c -> c.getState() == null ? null : c.getState().getTerminated())
        .filter(t -> t != null)
        .findFirst();
  }

  private static List<String> mountFailures(ScenarioContext ctx) {
    return ctx.resources().getPods().stream()
        .flatMap(pod -> WarningEvents.about(ctx, "Pod", pod).stream())
        .filter(line -> line.startsWith("Warning FailedMount"))
        .toList();
  }

  private static String reasonOf(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getReason() == null
        ? ""
        : " (" + pod.getStatus().getReason() + ")";
  }

  private static String tail(String text) {
    String trimmed = text == null ? "" : text.strip();
    return trimmed.length() <= TAIL ? trimmed : "…" + trimmed.substring(trimmed.length() - TAIL);
  }

  @Override
  public Deadline deadline() {
    return Deadline.podReady(Reason.ProbeFailed);
  }

  /** A probe pod stuck before running is a mount failure when kubelet said so (FailedMount). */
  @Override
  public StepResult.Failed timedOut(
      ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<String> mountFailures = mountFailures(ctx);
    String after = " after " + DurationText.format(timeout);
    if (!mountFailures.isEmpty()) {
      return StepResult.failed(
          Reason.MountFailed, "volume never mounted" + after + ": " + mountFailures.get(0));
    }
    return StepResult.failed(Reason.ProbeFailed, "still " + last.awaiting() + after);
  }
}
