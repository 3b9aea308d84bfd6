package dev.s3csi.validator.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.harness.Audit;
import dev.s3csi.validator.sandbox.ChaosDispatcher;
import dev.s3csi.validator.sandbox.ForeignObjects;
import dev.s3csi.validator.sandbox.SandboxOptions;

/**
 * Scale: N runs of all six scenarios created at once, on a fresh sandbox and an operator in its own
 * JVM under the benchmark's -Xmx, with MAX_CONCURRENT_RUNS = N so none waits for a slot. Every
 * request the operator sends is counted (it names itself by its User-Agent), its heap is sampled
 * from its own metrics, and what the runs left behind is audited once they have all finished.
 *
 * <p>The runs' step deadlines are raised ({@link #DEADLINES}): on two cores the sandbox, which
 * plays API server, S3, CSI driver and kubelets of 1,600 volumes at once, takes minutes to
 * provision them all, more than the 2 minutes a real cluster is given by default. The test is about
 * what the validator does with that many runs (all succeed, nothing left, requests, heap), not
 * about how fast the simulated cluster is.
 */
final class ScalePhase {
  /**
   * Longer than the runs' deadline under {@link #DEADLINES}: a run that takes longer has failed
   * anyway.
   */
  static final Duration RUN_LIMIT = Duration.ofMinutes(35);

  static final Timeouts DEADLINES = deadlines();
  private static final Duration HEAP_SAMPLING = Duration.ofMillis(250);
  private static final double MIB = 1024.0 * 1024;

  /**
   * @param requests every request the operator sent, from its start to the end of the phase
   * @param latency reaction latency under this load
   * @param liveHeapMaxMiB the largest heap left after a collection (long-lived data), from the
   *     metrics
   * @param rssAfterMiB resident memory once every run had finished
   * @param foreignVolumes other workloads' PVs the API server listed before the runs
   * @param foreignEvents other workloads' Events the API server listed before the runs
   */
  record Result(
      int runs,
      int succeeded,
      int pvcs,
      double wallSeconds,
      double heapMaxMiB,
      double liveHeapMaxMiB,
      int requests,
      int writes,
      int leftovers,
      Audit audit,
      ReactionLatency latency,
      double rssAfterMiB,
      int foreignVolumes,
      int foreignEvents) {

    double apiRequestsPerPvc() {
      return pvcs == 0 ? 0 : (double) requests / pvcs;
    }
  }

  private ScalePhase() {}

  static Result measure(BenchOptions options, int count, PrintStream progress) {
    return measure(options, count, 0, progress);
  }

  /**
   * The same on a cluster that holds {@code foreignVolumes} PVs of other workloads and five Events
   * for each, in place before the operator starts.
   */
  static Result measure(BenchOptions options, int count, int foreignVolumes, PrintStream progress) {
    var settings = new OperatorJvm.Settings(options.maxHeap(), count, options.jfr());
    String bedName = "concurrent-" + count + (foreignVolumes > 0 ? "-foreign" : "");
    try (TestBed bed =
        TestBed.start(
            SandboxOptions.defaults(), options.workDir(), bedName, settings, foreignVolumes)) {
      int[] foreign = foreignPresent(bed);
      if (foreignVolumes > 0) {
        progress.printf(
            "bench: the API server lists %d other PVs and %d other Events%n",
            foreign[0], foreign[1]);
      }
      DoubleAccumulator heapMax = new DoubleAccumulator(Math::max, 0);
      DoubleAccumulator liveMax = new DoubleAccumulator(Math::max, 0);
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(
          () -> {
            bed.operator()
                .metrics()
                .ifPresent(
                    exposition -> {
                      Prometheus.heapUsed(exposition).ifPresent(heapMax::accumulate);
                      Prometheus.liveHeap(exposition).ifPresent(liveMax::accumulate);
                    });
          },
          0,
          HEAP_SAMPLING.toMillis(),
          TimeUnit.MILLISECONDS);
      List<String> names = new ArrayList<>();
      long start = System.nanoTime();
      try {
        for (int i = 1; i <= count; i++) {
          String name = "concurrent-" + i;
          bed.create(name, DEADLINES);
          names.add(name);
        }
        progress.printf("bench: %d concurrent runs created%n", count);
        Map<String, ProvisioningValidation> finished = bed.runs().awaitSettled(names, RUN_LIMIT);
        double wall =
            names.stream()
                    .filter(finished::containsKey)
                    .mapToLong(bed.runs()::finishedAt)
                    .max()
                    .orElse(start)
                - start;
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        // One full collection at the end: the live heap then counts whatever the operator still
        // caches (other workloads' objects, if it kept them), even if no collection of its own
        // reached the old generation during the runs.
        bed.operator().collectGarbage();
        bed.operator()
            .metrics()
            .ifPresent(
                exposition -> Prometheus.liveHeap(exposition).ifPresent(liveMax::accumulate));
        ChaosDispatcher chaos = bed.sandbox().chaos();
        int pvcs =
            (int)
                chaos.operatorWriteLog().stream()
                    .filter(
                        w ->
                            w.succeeded()
                                && "POST".equals(w.method())
                                && w.path().split("\\?")[0].endsWith("/persistentvolumeclaims"))
                    .count();
        int succeeded =
            (int)
                finished.values().stream()
                    .filter(r -> r.getStatus().getPhase() == Phase.Succeeded)
                    .count();
        Audit audit = bed.sandbox().audit();
        ReactionLatency latency =
            ReactionLatency.inSandbox(
                bed.sandbox().timeline().changes(),
                chaos.operatorWriteLog(),
                bed.index(),
                new HashSet<>(names));
        Result result =
            new Result(
                count,
                succeeded,
                pvcs,
                wall / 1e9,
                heapMax.get() / MIB,
                liveMax.get() / MIB,
                chaos.operatorRequests(),
                chaos.operatorWrites(),
                leftovers(audit),
                audit,
                latency,
                bed.operator().residentKiB() / 1024.0,
                foreign[0],
                foreign[1]);
        progress.printf(
            "bench: %d concurrent runs: %d succeeded in %.1f s, %d PVCs, %.1f operator requests per PVC, heap max %.1f MiB,"
                + " %s%n",
            count,
            succeeded,
            result.wallSeconds(),
            pvcs,
            result.apiRequestsPerPvc(),
            result.heapMaxMiB(),
            audit.describe());
        return result;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } finally {
        sampler.shutdownNow();
      }
    }
  }

  /**
   * Other workloads' PVs and Events as the API server lists them (not as the sandbox was told to
   * hold them): what the operator's informers were sent.
   */
  private static int[] foreignPresent(TestBed bed) {
    var client = bed.sandbox().client();
    int volumes =
        (int)
            client.persistentVolumes().list().getItems().stream()
                .filter(pv -> pv.getMetadata().getName().startsWith(ForeignObjects.PREFIX))
                .count();
    int events =
        (int)
            client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> e.getMetadata().getNamespace().startsWith(ForeignObjects.PREFIX))
                .count();
    return new int[] {volumes, events};
  }

  private static Timeouts deadlines() {
    Timeouts timeouts = TestBed.settleOnly();
    timeouts.setBind("10m");
    timeouts.setPodReady("10m");
    timeouts.setObjectVisible("2m");
    timeouts.setDeletion("10m");
    timeouts.setRun("30m");
    return timeouts;
  }

  /**
   * What runs left behind: the audit's sum (orphan buckets are a fault's, and none is injected
   * here).
   */
  static int leftovers(Audit audit) {
    return audit.pvcs() + audit.pvs() + audit.pods() + audit.storageClasses() + audit.buckets();
  }
}
