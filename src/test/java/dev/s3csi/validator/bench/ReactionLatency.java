package dev.s3csi.validator.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.s3csi.validator.sandbox.ChaosDispatcher;
import dev.s3csi.validator.sandbox.Timeline;
import dev.s3csi.validator.sandbox.Timeline.ChangeKind;

/**
 * How fast the operator reacts: for every state change a step awaits (a PVC bound, a provisioning
 * refused, a probe pod finished, a PV deleted), recorded by the simulator once the API server had
 * applied it, the time until the operator's next write concerning that run reached the API server:
 * a status update, an object created or deleted, an event. Both instants are taken in the sandbox's
 * JVM, on one clock.
 *
 * @param samples one per change that a write followed
 * @param unanswered changes no write of the operator followed at all
 */
record ReactionLatency(List<Sample> samples, int unanswered) {

  record Sample(ChangeKind kind, double millis) {}

  /** Only changes and writes of {@code measured} runs count. */
  static ReactionLatency measure(
      Collection<Timeline.Change> changes,
      Collection<ChaosDispatcher.Write> writes,
      RunIndex index,
      Set<String> measured) {
    Map<String, List<Long>> writesByRun = new HashMap<>();
    for (ChaosDispatcher.Write write : writes) {
      index
          .runOf(write)
          .filter(measured::contains)
          .ifPresent(
              run -> writesByRun.computeIfAbsent(run, r -> new ArrayList<>()).add(write.nanos()));
    }
    Map<String, long[]> sorted =
        writesByRun.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue().stream().mapToLong(Long::longValue).sorted().toArray()));
    List<Sample> samples = new ArrayList<>();
    int unanswered = 0;
    for (Timeline.Change change : changes) {
      if (!measured.contains(change.run())) {
        continue;
      }
      long[] times = sorted.getOrDefault(change.run(), new long[0]);
      int at = Arrays.binarySearch(times, change.nanos());
      int next = at >= 0 ? at : -at - 1;
      if (next < times.length) {
        samples.add(new Sample(change.kind(), (times[next] - change.nanos()) / 1e6));
      } else {
        unanswered++;
      }
    }
    return new ReactionLatency(List.copyOf(samples), unanswered);
  }

  Distribution distribution() {
    return Distribution.of(samples.stream().map(Sample::millis).toList());
  }

  Map<ChangeKind, Distribution> byKind() {
    Map<ChangeKind, Distribution> byKind = new EnumMap<>(ChangeKind.class);
    for (ChangeKind kind : ChangeKind.values()) {
      List<Double> millis =
          samples.stream().filter(s -> s.kind() == kind).map(Sample::millis).toList();
      if (!millis.isEmpty()) {
        byKind.put(kind, Distribution.of(millis));
      }
    }
    return byKind;
  }
}
