package dev.s3csi.validator.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
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
      bed.create("latency-warmup");
      bed.runs().awaitSettled(List.of("latency-warmup"), ScalePhase.RUN_LIMIT);
      Set<String> measured = new HashSet<>();
      int succeeded = 0;
      for (int first = 1; first <= options.latencyRuns(); first += options.latencyParallel()) {
        List<String> batch = new ArrayList<>();
        for (int i = first;
            i < first + options.latencyParallel() && i <= options.latencyRuns();
            i++) {
          String name = "latency-" + i;
          bed.create(name);
          batch.add(name);
        }
        Map<String, ProvisioningValidation> finished =
            bed.runs().awaitSettled(batch, ScalePhase.RUN_LIMIT);
        succeeded +=
            (int)
                finished.values().stream()
                    .filter(r -> r.getStatus().getPhase() == Phase.Succeeded)
                    .count();
        measured.addAll(batch);
        progress.printf(
            "bench: reaction latency: %d/%d runs done%n", measured.size(), options.latencyRuns());
      }
      ReactionLatency latency =
          ReactionLatency.inSandbox(
              bed.sandbox().timeline().changes(),
              bed.sandbox().chaos().operatorWriteLog(),
              bed.index(),
              measured);
      return new Result(latency, measured.size(), options.latencyParallel(), succeeded);
    }
  }
}
