package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.kube.ProbePodFactory;
import dev.s3csi.validator.probe.ProbeInvocation;
import dev.s3csi.validator.probe.ProbePlan.WriteFile;
import dev.s3csi.validator.probe.ProbeResult;
import dev.s3csi.validator.probe.ProbeResult.FileResult;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.scenario.WarningEvents;
import dev.s3csi.validator.spec.DurationText;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Starts the probe pods, all at once, and awaits their results: each writes its files through the
 * mount and reads back the object put through S3. Pod {@code i} mounts PVC {@code i / podsPerClaim}.
 */
public final class RunProbes implements Step {
  private static final int TAIL = 600;
  private final int claims;
  private final int podsPerClaim;

  public RunProbes(int claims, int podsPerClaim) {
    this.claims = claims;
    this.podsPerClaim = podsPerClaim;
  }

  @Override
  public String name() {
    return "probe";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    ProbeFiles files = ProbeFiles.of(ctx);
    List<String> running = new ArrayList<>();
    List<Pod> finished = new ArrayList<>();
    for (int i = 0; i < claims * podsPerClaim; i++) {
      String name = ctx.names().probePod(i);
      Recorded.add(ctx.resources().getPods(), name);
      Optional<Pod> pod = ctx.cluster().pod(ctx.namespace(), name);
      if (pod.isEmpty()) {
        var invocation = new ProbeInvocation(ProbePodFactory.MOUNT_PATH, files.plan(i), ProbeInvocation.DEFAULT_RESULT_FILE);
        ctx.writer().create(ProbePodFactory.build(ctx.run(), name, ctx.labels(), ctx.names().claim(i / podsPerClaim), invocation, ctx.spec()));
        running.add(name);
      } else if (isFinished(pod.get())) {
        finished.add(pod.get());
      } else {
        running.add(name + " (" + phase(pod.get()) + ")");
      }
    }
    if (!running.isEmpty()) {
      return StepResult.awaiting("waiting for probe pod " + String.join(", ", running) + " to finish");
    }
    for (int i = 0; i < finished.size(); i++) {
      Optional<StepResult.Failed> failure = judge(ctx, finished.get(i), files, i);
      if (failure.isPresent()) {
        return failure.get();
      }
    }
    long bytes = files.writes(0).stream().mapToLong(WriteFile::size).sum() * finished.size();
    return StepResult.passed(finished.size() + " probe pod(s) wrote " + bytes + " bytes in "
        + files.sizes().size() * finished.size() + " files and read " + ProbeFiles.S3_PUT_KEY + " back intact");
  }

  private static Optional<StepResult.Failed> judge(ScenarioContext ctx, Pod pod, ProbeFiles files, int index) {
    String name = pod.getMetadata().getName();
    Optional<ContainerStateTerminated> terminated = terminated(pod);
    String message = terminated.map(ContainerStateTerminated::getMessage).orElse("");
    ProbeResult result;
    try {
      result = ProbeInvocation.parseResult(message);
    } catch (JsonProcessingException e) {
      ctx.addEvidence("probe pod " + name + " output: " + tail(message));
      String exit = terminated.map(t -> " (exit " + t.getExitCode() + ", " + t.getReason() + ")").orElse("");
      return Optional.of(StepResult.failed(Reason.ProbeFailed,
          "probe pod " + name + " ended " + phase(pod) + exit + " without a result: " + tail(message)));
    }
    for (FileResult file : result.files()) {
      Optional<StepResult.Failed> failure = judge(name, file, files, index);
      if (failure.isPresent()) {
        ctx.addEvidence("probe pod " + name + " result: " + tail(message));
        return failure;
      }
    }
    return Optional.empty();
  }

  private static Optional<StepResult.Failed> judge(String pod, FileResult file, ProbeFiles files, int index) {
    String where = "probe pod " + pod + " ";
    if ("read".equals(file.op())) {
      if (file.error() != null) {
        return Optional.of(StepResult.failed(Reason.ObjectMissing, where + "cannot read " + file.path()
            + ", put through S3, through the mount: " + file.error()));
      }
      if (!files.s3PutSha256().equals(file.sha256())) {
        return Optional.of(StepResult.failed(Reason.DataMismatch, where + "read " + file.path()
            + " with sha256 " + file.sha256() + ", S3 holds " + files.s3PutSha256()));
      }
      return Optional.empty();
    }
    if (file.error() != null) {
      return Optional.of(StepResult.failed(Reason.ProbeFailed, where + "could not " + file.op() + " " + file.path() + ": " + file.error()));
    }
    Optional<WriteFile> planned = files.writes(index).stream().filter(w -> w.path().equals(file.path())).findFirst();
    if ("write".equals(file.op()) && planned.isPresent() && !ProbeFiles.sha256(planned.get()).equals(file.sha256())) {
      return Optional.of(StepResult.failed(Reason.ProbeFailed, where + "wrote " + file.path()
          + " with sha256 " + file.sha256() + " instead of " + ProbeFiles.sha256(planned.get()) + ": is the probe image the validator's?"));
    }
    return Optional.empty();
  }

  static boolean isFinished(Pod pod) {
    String phase = phase(pod);
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
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

  private static String tail(String text) {
    String trimmed = text == null ? "" : text.strip();
    return trimmed.length() <= TAIL ? trimmed : "…" + trimmed.substring(trimmed.length() - TAIL);
  }

  @Override
  public Duration timeout(StepTimeouts timeouts) {
    return timeouts.podReady();
  }

  @Override
  public Reason timeoutReason() {
    return Reason.ProbeFailed;
  }

  /** A probe pod stuck before running is a mount failure when kubelet said so (FailedMount). */
  @Override
  public StepResult.Failed timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<String> mountFailures = ctx.resources().getPods().stream()
        .flatMap(pod -> WarningEvents.about(ctx, "Pod", pod).stream())
        .filter(line -> line.startsWith("Warning FailedMount"))
        .toList();
    String after = " after " + DurationText.format(timeout);
    if (!mountFailures.isEmpty()) {
      return StepResult.failed(Reason.MountFailed, "volume never mounted" + after + ": " + mountFailures.get(0));
    }
    return StepResult.failed(Reason.ProbeFailed, "still " + last.awaiting() + after);
  }
}
