package dev.s3csi.validator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.harness.ClusterInfo;
import dev.s3csi.validator.realworld.RealWorld;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.sandbox.SandboxOptions;
import dev.s3csi.validator.spec.DurationText;

/**
 * Reaction latency on the real control plane ({@code --cluster real}): a real etcd, kube-apiserver
 * and kube-controller-manager, the real external-provisioner and Scality driver controller, an S3
 * server and the simulated node (realworld/, see RealWorld). The operator runs as in the other
 * phases, in a JVM of its own with the image's flags, and as the chart's ServiceAccount. Runs of
 * all six scenarios with the real world's deadlines, a few at a time after one warm-up run; the
 * latency is read from the API server's audit log ({@link AuditReactions}).
 *
 * @param cluster the Kubernetes version and driver the runs ran against
 * @param refusalSettle the runs' {@code timeouts.refusalSettle}
 * @param failures one line per measured run that did not succeed
 */
record RealWorldPhase(
    ReactionLatency latency,
    int runs,
    int parallel,
    int succeeded,
    ClusterInfo cluster,
    Duration refusalSettle,
    List<String> failures) {

  static RealWorldPhase measure(BenchOptions options, PrintStream progress) {
    var settings =
        new OperatorJvm.Settings(
            options.maxHeap(), OperatorSettings.DEFAULT_MAX_CONCURRENT_RUNS, options.jfr());
    try (RealWorld world =
        RealWorld.start(
            Set.of(),
            new S3Credentials(SandboxOptions.DEFAULT_ACCESS_KEY, SandboxOptions.DEFAULT_SECRET_KEY),
            progress)) {
      Files.createDirectories(options.workDir());
      Path kubeconfig =
          world.operatorKubeconfig(options.workDir().resolve("real-world.kubeconfig"));
      try (OperatorJvm operator =
              OperatorJvm.start(kubeconfig, options.workDir(), "real-world", settings);
          RunsTracker tracker = new RunsTracker(world.client())) {
        operator.awaitReady(TestBed.READY_LIMIT);
        progress.printf("bench: real world ready, operator logs in %s%n", operator.log());
        RunBatches runs =
            RunBatches.run(
                "real",
                options.latencyRuns(),
                options.latencyParallel(),
                name -> world.client().resource(run(world, name)).create(),
                tracker,
                progress);
        ReactionLatency latency =
            AuditReactions.measure(
                world.auditLog().events(), world.operatorUserName(), new HashSet<>(runs.names()));
        List<String> failures =
            runs.names().stream()
                .filter(
                    name ->
                        !runs.finished().containsKey(name)
                            || runs.finished().get(name).getStatus().getPhase() != Phase.Succeeded)
                .map(name -> failure(name, runs.finished().get(name)))
                .toList();
        return new RealWorldPhase(
            latency,
            runs.names().size(),
            options.latencyParallel(),
            runs.succeeded(),
            world.info(),
            DurationText.parse(world.timeouts().getRefusalSettle()),
            failures);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + options.workDir(), e);
    }
  }

  /** The result as {@code --output json} prints it: one object. */
  String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cluster", cluster.kind());
    json.put("kubernetesVersion", cluster.kubernetesVersion());
    json.put("driver", cluster.driver());
    json.put("reactionLatencyMillis", latency.distribution());
    json.put("settledMillis", latency.settledDistribution());
    json.put("refusalSettleMillis", refusalSettle.toMillis());
    json.put("runs", runs);
    json.put("succeeded", succeeded);
    json.put("failures", failures);
    try {
      return new ObjectMapper().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The result for a terminal. */
  String line() {
    Distribution d = latency.distribution();
    return String.format(
        Locale.ROOT,
        "reaction latency on the real control plane (%s, %s): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms (%d samples over %d runs, %d succeeded)",
        cluster.kubernetesVersion(),
        cluster.driver(),
        d.p50(),
        d.p95(),
        d.p99(),
        d.max(),
        d.samples(),
        runs,
        succeeded);
  }

  /** A run of all six scenarios with the real world's deadlines and the benchmark's probe files. */
  private static ProvisioningValidation run(RealWorld world, String name) {
    ProvisioningValidation run = world.validation(name, List.of());
    ProbeSpec probe = new ProbeSpec();
    probe.setFileSizes(TestBed.FILE_SIZES);
    run.getSpec().setProbe(probe);
    return run;
  }

  private static String failure(String name, ProvisioningValidation run) {
    if (run == null) {
      return name + ": not finished within " + ScalePhase.RUN_LIMIT;
    }
    return name
        + ": "
        + run.getStatus().getPhase()
        + run.getStatus().getScenarios().stream()
            .filter(s -> s.getOutcome() == Outcome.Failed)
            .map(s -> "; " + s.getName().wireName() + " " + s.getReason() + ": " + s.getMessage())
            .collect(Collectors.joining());
  }
}
