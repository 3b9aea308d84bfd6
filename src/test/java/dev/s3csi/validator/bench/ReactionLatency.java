package dev.s3csi.validator.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioResources;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.sandbox.ChaosDispatcher;
import dev.s3csi.validator.sandbox.Timeline;
import dev.s3csi.validator.sandbox.Timeline.ChangeKind;

import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * How fast the operator reacts, write by write: for every state change a step awaits (a PVC bound,
 * a provisioning refused, a probe pod finished, a PV deleted), recorded by the simulator once the
 * API server had applied it, the time until the write it caused reached the API server: the status
 * write that concludes the awaiting step. (The next step acts only after that write, see
 * ValidationReconciler, so the conclusion is the first write the change causes.) Both instants are
 * taken in the sandbox's JVM, on one clock.
 *
 * <p>A write is tied to a change through the scenario: the status write in which one more of the
 * scenario's steps has finished than in the run's previous status write, and the change's object
 * (PVC, pod, PV) is one the scenario recorded. When a step awaits several objects (three PVCs
 * bound), only the last change before the conclusion caused it; the earlier ones are counted as
 * {@code superseded}, not as samples. Any other write of the run (another scenario's action, an
 * event) answers nothing.
 *
 * @param samples one per change that caused a step's conclusion
 * @param superseded changes that a later change of the same step's wait was needed after
 * @param unanswered changes no conclusion of their scenario followed at all
 */
record ReactionLatency(List<Sample> samples, int superseded, int unanswered) {

  record Sample(ChangeKind kind, double millis) {}

  /** One status write in which a scenario concluded a step. */
  private record Conclusion(String run, String scenario, long nanos) {}

  /** Only changes and writes of {@code measured} runs count. */
  static ReactionLatency measure(
      Collection<Timeline.Change> changes,
      Collection<ChaosDispatcher.Write> writes,
      RunIndex index,
      Set<String> measured) {
    List<Conclusion> conclusions = new ArrayList<>();
    Map<String, Set<String>> scenarioOfObject = new HashMap<>();
    Map<String, Map<String, Long>> finishedBefore = new HashMap<>();
    writes.stream()
        .filter(w -> w.succeeded() && isStatusWrite(w))
        .sorted(Comparator.comparingLong(ChaosDispatcher.Write::nanos))
        .forEach(
            write -> {
              Optional<String> run = index.runOf(write).filter(measured::contains);
              if (run.isEmpty()) {
                return;
              }
              ProvisioningValidation written =
                  Serialization.unmarshal(write.body(), ProvisioningValidation.class);
              if (written.getStatus() == null) {
                return;
              }
              Map<String, Long> before =
                  finishedBefore.computeIfAbsent(run.get(), r -> new HashMap<>());
              for (ScenarioStatus scenario : written.getStatus().getScenarios()) {
                String name = scenario.getName().wireName();
                objects(scenario.getResources())
                    .forEach(
                        object ->
                            scenarioOfObject
                                .computeIfAbsent(run.get() + "/" + object, o -> new HashSet<>())
                                .add(name));
                long finished =
                    scenario.getSteps().stream()
                        .filter(s -> s.getOutcome() != null && s.getOutcome().isFinished())
                        .count();
                if (finished > before.getOrDefault(name, 0L)) {
                  conclusions.add(new Conclusion(run.get(), name, write.nanos()));
                }
                before.put(name, finished);
              }
            });
    Map<Conclusion, Timeline.Change> cause = new HashMap<>();
    int superseded = 0;
    int unanswered = 0;
    for (Timeline.Change change : changes) {
      String run = change.run();
      if (!measured.contains(run)) {
        continue;
      }
      Set<String> scenarios = scenarioOfObject.getOrDefault(run + "/" + change.object(), Set.of());
      Optional<Conclusion> concluded =
          conclusions.stream()
              .filter(
                  c ->
                      c.run().equals(run)
                          && scenarios.contains(c.scenario())
                          && c.nanos() >= change.nanos())
              .min(Comparator.comparingLong(Conclusion::nanos));
      if (concluded.isEmpty()) {
        unanswered++;
        continue;
      }
      Timeline.Change earlier = cause.get(concluded.get());
      if (earlier == null || earlier.nanos() < change.nanos()) {
        cause.put(concluded.get(), change);
      }
      if (earlier != null) {
        superseded++;
      }
    }
    List<Sample> samples = new ArrayList<>();
    cause.entrySet().stream()
        .sorted(Comparator.comparingLong(e -> e.getValue().nanos()))
        .forEach(
            e ->
                samples.add(
                    new Sample(
                        e.getValue().kind(), (e.getKey().nanos() - e.getValue().nanos()) / 1e6)));
    return new ReactionLatency(List.copyOf(samples), superseded, unanswered);
  }

  private static boolean isStatusWrite(ChaosDispatcher.Write write) {
    String path = write.path().split("\\?", 2)[0];
    return ("PUT".equals(write.method()) || "PATCH".equals(write.method()))
        && path.contains("/provisioningvalidations/")
        && path.endsWith("/status");
  }

  private static List<String> objects(ScenarioResources resources) {
    List<String> objects = new ArrayList<>(resources.getPvcs());
    objects.addAll(resources.getPods());
    objects.addAll(resources.getPvs());
    return objects;
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
