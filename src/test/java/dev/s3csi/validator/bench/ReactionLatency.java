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
import java.util.stream.Collectors;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioResources;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.sandbox.ChaosDispatcher;
import dev.s3csi.validator.sandbox.Timeline;
import dev.s3csi.validator.sandbox.Timeline.ChangeKind;

import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * How fast the operator reacts, write by write: for every state change a step awaits (a PVC bound,
 * a provisioning refused, a probe pod finished, a PV deleted), made by another component and
 * applied by the API server, the time until the write it caused reached the API server: the status
 * write that concludes the awaiting step. (The next step acts only after that write, see
 * ValidationReconciler, so the conclusion is the first write the change causes.) In the sandbox
 * both instants are taken in the sandbox's JVM, on one clock ({@link #inSandbox}); on the real
 * control plane both come from the API server's audit log ({@link AuditReactions}).
 *
 * <p>A write is tied to a change through the scenario: the status write in which one more of the
 * scenario's steps has finished than in the run's previous status write, and the change's object
 * (PVC, pod, PV) is one the scenario recorded. When a step awaits several objects (three PVCs
 * bound), only the last change before the conclusion caused it; the earlier ones are counted as
 * {@code superseded}, not as samples. Any other write of the run (another scenario's action, an
 * event) answers nothing.
 *
 * <p>One step's conclusion is caused by a timer, not by a change: invalidParameters' {@value
 * #SETTLE_TIMED_STEP} step concludes {@code timeouts.refusalSettle} after the last refusal it
 * awaited was first seen, by design. Its samples are kept apart ({@code settled}), whatever change
 * preceded them, and are no reaction latency.
 *
 * @param samples one per change that caused a step's conclusion
 * @param settled one per conclusion of the settle-timed step: the change before it to the
 *     conclusion, settle period included
 * @param superseded changes that a later change of the same step's wait was needed after
 * @param unanswered changes no conclusion of their scenario followed at all
 */
record ReactionLatency(List<Sample> samples, List<Sample> settled, int superseded, int unanswered) {

  /** The step that waits for refusals to hold for {@code timeouts.refusalSettle}. */
  static final String SETTLE_TIMED_STEP = "refused";

  record Sample(ChangeKind kind, double millis) {}

  /**
   * A state change a step awaits, made by another component to the named object, when the API
   * server had applied it (nanoseconds on the clock the writes are timed on).
   */
  record Change(ChangeKind kind, String object, long nanos) {}

  /** A status write of a measured run as the API server stored it, and when. */
  record StatusWrite(String run, long nanos, ProvisioningValidation written) {}

  /** One status write in which a scenario concluded a step. */
  private record Conclusion(String scenario, long nanos, boolean settled) {}

  /**
   * In the sandbox: the simulator's timeline and the operator's writes as the sandbox's API server
   * received them. Only changes and writes of {@code measured} runs count.
   */
  static ReactionLatency inSandbox(
      Collection<Timeline.Change> changes,
      Collection<ChaosDispatcher.Write> writes,
      RunIndex index,
      Set<String> measured) {
    List<StatusWrite> statusWrites = new ArrayList<>();
    for (ChaosDispatcher.Write write : writes) {
      Optional<String> run = index.runOf(write).filter(measured::contains);
      if (write.succeeded() && isStatusWrite(write) && run.isPresent()) {
        statusWrites.add(
            new StatusWrite(
                run.get(),
                write.nanos(),
                Serialization.unmarshal(write.body(), ProvisioningValidation.class)));
      }
    }
    return of(
        changes.stream()
            .filter(c -> measured.contains(c.run()))
            .map(c -> new Change(c.kind(), c.object(), c.nanos()))
            .toList(),
        statusWrites);
  }

  /**
   * Ties each change to the first conclusion after it of a scenario that recorded its object.
   * Changes of objects no written status names (other runs' objects) are ignored.
   */
  static ReactionLatency of(Collection<Change> changes, Collection<StatusWrite> writes) {
    List<Conclusion> conclusions = new ArrayList<>();
    Map<String, Set<String>> scenariosOfObject = new HashMap<>();
    Map<String, Set<String>> finishedBefore = new HashMap<>();
    writes.stream()
        .filter(w -> w.written().getStatus() != null)
        .sorted(Comparator.comparingLong(StatusWrite::nanos))
        .forEach(
            write -> {
              for (ScenarioStatus scenario : write.written().getStatus().getScenarios()) {
                String key = write.run() + "/" + scenario.getName().wireName();
                objects(scenario.getResources())
                    .forEach(
                        object ->
                            scenariosOfObject
                                .computeIfAbsent(object, o -> new HashSet<>())
                                .add(key));
                Set<String> finished =
                    scenario.getSteps().stream()
                        .filter(s -> s.getOutcome() != null && s.getOutcome().isFinished())
                        .map(StepStatus::getName)
                        .collect(Collectors.toSet());
                Set<String> before = finishedBefore.getOrDefault(key, Set.of());
                if (!before.containsAll(finished)) {
                  boolean settled =
                      scenario.getName() == ScenarioName.INVALID_PARAMETERS
                          && finished.contains(SETTLE_TIMED_STEP)
                          && !before.contains(SETTLE_TIMED_STEP);
                  conclusions.add(new Conclusion(key, write.nanos(), settled));
                }
                finishedBefore.put(key, finished);
              }
            });
    Map<Conclusion, Change> cause = new HashMap<>();
    int superseded = 0;
    int unanswered = 0;
    for (Change change : changes) {
      Set<String> scenarios = scenariosOfObject.get(change.object());
      if (scenarios == null) {
        continue;
      }
      Optional<Conclusion> concluded =
          conclusions.stream()
              .filter(c -> scenarios.contains(c.scenario()) && c.nanos() >= change.nanos())
              .min(Comparator.comparingLong(Conclusion::nanos));
      if (concluded.isEmpty()) {
        unanswered++;
        continue;
      }
      Change earlier = cause.get(concluded.get());
      if (earlier == null || earlier.nanos() < change.nanos()) {
        cause.put(concluded.get(), change);
      }
      if (earlier != null) {
        superseded++;
      }
    }
    List<Sample> samples = new ArrayList<>();
    List<Sample> settled = new ArrayList<>();
    cause.entrySet().stream()
        .sorted(Comparator.comparingLong(e -> e.getValue().nanos()))
        .forEach(
            e ->
                (e.getKey().settled() ? settled : samples)
                    .add(
                        new Sample(
                            e.getValue().kind(),
                            (e.getKey().nanos() - e.getValue().nanos()) / 1e6)));
    return new ReactionLatency(List.copyOf(samples), List.copyOf(settled), superseded, unanswered);
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

  /** The settle-timed conclusions, settle period included. */
  Distribution settledDistribution() {
    return Distribution.of(settled.stream().map(Sample::millis).toList());
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
