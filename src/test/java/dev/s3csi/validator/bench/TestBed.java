package dev.s3csi.validator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.sandbox.ChaosDispatcher;
import dev.s3csi.validator.sandbox.SandboxOptions;
import dev.s3csi.validator.sandbox.Timeline;
import dev.s3csi.validator.spec.DurationText;

import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * What each phase measures on: a fresh sandbox, the operator in its own JVM against it, one watch
 * over the runs, and the runs the phase created.
 */
final class TestBed implements AutoCloseable {
  /**
   * The probe's files in every run of the benchmark: the default's 8 MiB file would make each probe
   * pod cost the sandbox (its simulated mount and S3Proxy's in-memory store) tens of milliseconds
   * of CPU and 8 MiB of heap, which measures the sandbox, not the validator; with these, S3Proxy
   * holds the 1,700 probe pods of 100 runs in about 0.2 GiB.
   */
  static final List<Long> FILE_SIZES = List.of(0L, 4096L, 65536L);

  /**
   * How long an operator may take to be ready before the benchmark gives up: generous, since on a
   * shared 2-core machine under load a start-up that takes 2 s when idle took up to 55 s, and among
   * 60,000 other objects its informers first list them all. Start-up time itself is measured and
   * reported by the start-up phase, not judged here.
   */
  static final Duration READY_LIMIT = Duration.ofMinutes(5);

  /**
   * How long the invalidParameters scenario holds each refusal before it counts, in every run of
   * the benchmark (the spec's default is 30 s): the same as the sandbox tests', which see two of
   * the simulated provisioner's retries (after 1 and 2 s). It is a wait the validator makes by
   * design, not a reaction: the critical path counts it as inevitable and the reaction latency
   * keeps it apart (docs/performance.md).
   */
  static final Duration REFUSAL_SETTLE = Duration.ofSeconds(2);

  private final Sandbox sandbox;
  private final OperatorJvm operator;
  private final RunsTracker runs;
  private final RunIndex index = new RunIndex();
  private final Path runsFile;
  private final Path traceFile;
  private final long startedNanos = System.nanoTime();
  private final Duration readyAfter;

  private TestBed(
      SandboxOptions options,
      Path workDir,
      String name,
      OperatorJvm.Settings settings,
      int foreignVolumes) {
    runsFile = workDir.resolve(name + "-runs.yaml");
    traceFile = workDir.resolve(name + "-trace.tsv");
    sandbox = Sandbox.start(options);
    sandbox.foreignObjects().fill(foreignVolumes);
    runs = new RunsTracker(sandbox.client());
    operator = OperatorJvm.start(sandbox, workDir, name, settings);
    try {
      readyAfter = operator.awaitReady(READY_LIMIT);
    } catch (RuntimeException e) {
      // The sandbox's server threads would keep the benchmark's JVM (mvn exec:java) alive forever.
      operator.close();
      runs.close();
      sandbox.close();
      throw e;
    }
  }

  static TestBed start(
      SandboxOptions options, Path workDir, String name, OperatorJvm.Settings settings) {
    return start(options, workDir, name, settings, 0);
  }

  /**
   * The same on a cluster that holds other workloads' PVs and Events before the operator starts.
   */
  static TestBed start(
      SandboxOptions options,
      Path workDir,
      String name,
      OperatorJvm.Settings settings,
      int foreignVolumes) {
    return new TestBed(options, workDir, name, settings, foreignVolumes);
  }

  /**
   * Creates a run of all six scenarios with the spec's default deadlines but {@link
   * #REFUSAL_SETTLE}, and {@link #FILE_SIZES}.
   */
  ProvisioningValidation create(String name) {
    return create(name, settleOnly());
  }

  /** The same with these deadlines; they should set {@link #REFUSAL_SETTLE} too. */
  ProvisioningValidation create(String name, Timeouts timeouts) {
    ProvisioningValidation run = sandbox.validation(name, List.of());
    run.getSpec().setTimeouts(timeouts);
    ProbeSpec probe = new ProbeSpec();
    probe.setFileSizes(FILE_SIZES);
    run.getSpec().setProbe(probe);
    ProvisioningValidation stored = sandbox.client().resource(run).create();
    index.add(stored);
    return stored;
  }

  /** The spec's default deadlines, but the benchmark's {@link #REFUSAL_SETTLE}. */
  static Timeouts settleOnly() {
    Timeouts timeouts = new Timeouts();
    timeouts.setRefusalSettle(DurationText.format(REFUSAL_SETTLE));
    return timeouts;
  }

  /** One line per event, milliseconds since the bed started: who, what, the run it concerns. */
  private List<String> trace() {
    record Line(long nanos, String text) {}
    List<Line> lines = new ArrayList<>();
    for (Timeline.Change change : sandbox.timeline().changes()) {
      lines.add(
          new Line(
              change.nanos(),
              "sandbox\t" + change.kind() + "\t" + change.object() + "\t" + change.run()));
    }
    for (ChaosDispatcher.Write write : sandbox.chaos().operatorWriteLog()) {
      lines.add(
          new Line(
              write.nanos(),
              "operator\t"
                  + write.method()
                  + " "
                  + write.code()
                  + "\t"
                  + write.path()
                  + " ("
                  + write.body().length()
                  + " bytes)\t"
                  + index.runOf(write).orElse("")));
    }
    return lines.stream()
        .sorted(Comparator.comparingLong(Line::nanos))
        .map(
            l -> String.format(Locale.ROOT, "%.1f\t%s", (l.nanos() - startedNanos) / 1e6, l.text()))
        .toList();
  }

  Sandbox sandbox() {
    return sandbox;
  }

  OperatorJvm operator() {
    return operator;
  }

  RunsTracker runs() {
    return runs;
  }

  RunIndex index() {
    return index;
  }

  /** How long the operator took from its process's start to ready. */
  Duration readyAfter() {
    return readyAfter;
  }

  /**
   * Stops the operator and the sandbox. Kept in the work directory for a closer look: the runs as
   * they ended, and the trace of the simulator's state changes and the operator's writes in time
   * order.
   */
  @Override
  public void close() {
    try {
      Files.writeString(
          runsFile,
          sandbox
              .client()
              .resources(ProvisioningValidation.class)
              .inNamespace(Sandbox.NAMESPACE)
              .list()
              .getItems()
              .stream()
              .map(Serialization::asYaml)
              .collect(Collectors.joining()));
      Files.write(traceFile, trace());
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "bench: cannot keep the runs and the trace in " + runsFile.getParent() + ": " + e);
    }
    operator.close();
    runs.close();
    sandbox.close();
  }
}
