package dev.s3csi.validator.bench;

import java.io.PrintStream;
import java.util.HashSet;

import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.sandbox.SandboxOptions;

/**
 * Reaction latency on a healthy sandbox: runs of all six scenarios, a few at a time, after one
 * warm-up run, on an operator in its own JVM. See {@link ReactionLatency}.
 */
final class LatencyPhase {
  /**
   * @param parallel how many ran at once
   * @param succeeded how many of the measured runs succeeded
   */
  record Result(ReactionLatency latency, int runs, int parallel, int succeeded) {}

  private LatencyPhase() {}

  static Result measure(BenchOptions options, PrintStream progress) {
    var settings =
        new OperatorJvm.Settings(
            options.maxHeap(), OperatorSettings.DEFAULT_MAX_CONCURRENT_RUNS, options.jfr());
    try (TestBed bed =
        TestBed.start(SandboxOptions.defaults(), options.workDir(), "latency", settings)) {
      RunBatches runs =
          RunBatches.run(
              "latency",
              options.latencyRuns(),
              options.latencyParallel(),
              bed::create,
              bed.runs(),
              progress);
      ReactionLatency latency =
          ReactionLatency.inSandbox(
              bed.sandbox().timeline().changes(),
              bed.sandbox().chaos().operatorWriteLog(),
              bed.index(),
              new HashSet<>(runs.names()));
      return new Result(latency, runs.names().size(), options.latencyParallel(), runs.succeeded());
    }
  }
}
