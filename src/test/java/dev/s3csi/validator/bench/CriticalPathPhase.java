package dev.s3csi.validator.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.SandboxOptions;
import dev.s3csi.validator.sandbox.Timeline;

/**
 * The run's wall time against its critical path: with the slow fault, every stage the cluster
 * performs (provisioning, mounting, deletion) takes {@code slowStage} longer. A scenario waits for
 * each of its stages in turn (the stages of its several volumes overlap), so its injected latency
 * is the number of distinct stages it went through times {@code slowStage}, as the sandbox recorded
 * them. invalidParameters also waits, by design, for each refusal to hold for {@code
 * timeouts.refusalSettle} ({@link TestBed#REFUSAL_SETTLE}): that wait is as inevitable as an
 * injected latency and counts as one. The six scenarios run concurrently: a validator that adds
 * nothing finishes in the longest scenario's inevitable time (ratio 1); one that runs them one
 * after another needs their sum.
 */
final class CriticalPathPhase {
  /**
   * @param stagesByScenario how many distinct slowed stages each scenario waited for
   * @param refusalSettle the settle period invalidParameters waits by design
   * @param operatorCpuSeconds CPU time the operator's process used during the run
   * @param sandboxCpuSeconds CPU time the sandbox's (the benchmark's) process used during the run
   * @param operatorRequests requests the operator sent to the API server during the run
   * @param requests requests the API server received during the run, the simulator's included
   */
  record Run(
      String name,
      boolean succeeded,
      double wallSeconds,
      Map<String, Integer> stagesByScenario,
      Duration slowStage,
      Duration refusalSettle,
      double operatorCpuSeconds,
      double sandboxCpuSeconds,
      int operatorRequests,
      int requests) {

    /** What the scenario waits for by design besides its stages: the refusal settle period. */
    Duration designedWait(String scenario) {
      return ScenarioName.INVALID_PARAMETERS.wireName().equals(scenario)
          ? refusalSettle
          : Duration.ZERO;
    }

    /** The scenario's inevitable time: its slowed stages and its designed wait. */
    double inevitableSeconds(String scenario) {
      return (stagesByScenario.get(scenario) * slowStage.toNanos()
              + designedWait(scenario).toNanos())
          / 1e9;
    }

    double longestSeconds() {
      return stagesByScenario.keySet().stream()
          .mapToDouble(this::inevitableSeconds)
          .max()
          .orElse(0);
    }

    double sumSeconds() {
      return stagesByScenario.keySet().stream().mapToDouble(this::inevitableSeconds).sum();
    }

    double criticalPathRatio() {
      return wallSeconds / longestSeconds();
    }

    double sequentialRatio() {
      return wallSeconds / sumSeconds();
    }
  }

  private CriticalPathPhase() {}

  static List<Run> measure(BenchOptions options, PrintStream progress) {
    SandboxOptions slow =
        SandboxOptions.defaults().withFaults(Set.of(Fault.SLOW)).withSlowStage(options.slowStage());
    var settings =
        new OperatorJvm.Settings(
            options.maxHeap(), OperatorSettings.DEFAULT_MAX_CONCURRENT_RUNS, options.jfr());
    List<Run> runs = new ArrayList<>();
    try (TestBed bed = TestBed.start(slow, options.workDir(), "critical-path", settings)) {
      // The first runs in a fresh JVM pay for class loading and the JIT: not what a long-running
      // operator does.
      for (int i = 1; i <= options.criticalPathWarmUps(); i++) {
        timed(bed, "critical-path-warmup-" + i, options.slowStage());
      }
      for (int i = 1; i <= options.criticalPathRuns(); i++) {
        Run run = timed(bed, "critical-path-" + i, options.slowStage());
        progress.printf(
            "bench: critical path %d/%d: %s in %.2f s; longest scenario %.2f s inevitable, all scenarios %.2f s: ratio %.3f,"
                + " sequential %.3f; CPU: operator %.2f s, sandbox %.2f s; API requests: operator %d of %d%n",
            i,
            options.criticalPathRuns(),
            run.succeeded() ? "Succeeded" : "FAILED",
            run.wallSeconds(),
            run.longestSeconds(),
            run.sumSeconds(),
            run.criticalPathRatio(),
            run.sequentialRatio(),
            run.operatorCpuSeconds(),
            run.sandboxCpuSeconds(),
            run.operatorRequests(),
            run.requests());
        runs.add(run);
      }
    }
    return runs;
  }

  private static Run timed(TestBed bed, String name, Duration slowStage) {
    double operatorCpu = bed.operator().cpuSeconds();
    int requests = bed.sandbox().chaos().requests();
    int operatorRequests = bed.sandbox().chaos().operatorRequests();
    double sandboxCpu = ownCpuSeconds();
    long start = System.nanoTime();
    bed.create(name);
    ProvisioningValidation finished =
        bed.runs().awaitSettled(List.of(name), ScalePhase.RUN_LIMIT).get(name);
    boolean succeeded = finished != null && finished.getStatus().getPhase() == Phase.Succeeded;
    double wall = finished == null ? Double.NaN : (bed.runs().finishedAt(name) - start) / 1e9;
    Map<String, Integer> stages =
        bed.sandbox().timeline().delays().stream()
            .filter(d -> d.run().equals(name))
            .collect(
                Collectors.groupingBy(
                    Timeline.Delay::scenario,
                    TreeMap::new,
                    Collectors.collectingAndThen(
                        Collectors.mapping(Timeline.Delay::stage, Collectors.toSet()), Set::size)));
    return new Run(
        name,
        succeeded,
        wall,
        stages,
        slowStage,
        TestBed.REFUSAL_SETTLE,
        bed.operator().cpuSeconds() - operatorCpu,
        ownCpuSeconds() - sandboxCpu,
        bed.sandbox().chaos().operatorRequests() - operatorRequests,
        bed.sandbox().chaos().requests() - requests);
  }

  static double ownCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }
}
