package dev.s3csi.validator.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;

/**
 * How the reaction-latency phases load a cluster: one warm-up run (a fresh operator's first run
 * pays for class loading), then {@code runs} runs created {@code parallel} at a time, each batch
 * awaited before the next.
 *
 * @param names the measured runs, the warm-up not among them
 * @param finished those that finished, as last seen, by name
 */
record RunBatches(List<String> names, Map<String, ProvisioningValidation> finished) {

  static RunBatches run(
      String prefix,
      int runs,
      int parallel,
      Consumer<String> create,
      RunsTracker tracker,
      PrintStream progress) {
    String warmUp = prefix + "-warmup";
    create.accept(warmUp);
    tracker.awaitSettled(List.of(warmUp), ScalePhase.RUN_LIMIT);
    List<String> names = new ArrayList<>();
    Map<String, ProvisioningValidation> finished = new HashMap<>();
    for (int first = 1; first <= runs; first += parallel) {
      List<String> batch = new ArrayList<>();
      for (int i = first; i < first + parallel && i <= runs; i++) {
        String name = prefix + "-" + i;
        create.accept(name);
        batch.add(name);
      }
      finished.putAll(tracker.awaitSettled(batch, ScalePhase.RUN_LIMIT));
      names.addAll(batch);
      progress.printf("bench: %s: %d/%d runs done%n", prefix, names.size(), runs);
    }
    return new RunBatches(List.copyOf(names), Map.copyOf(finished));
  }

  int succeeded() {
    return (int)
        finished.values().stream().filter(r -> r.getStatus().getPhase() == Phase.Succeeded).count();
  }
}
