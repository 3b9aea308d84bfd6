package dev.s3csi.validator.bench;

import java.util.List;

/**
 * Everything the benchmark measured, phase by phase: the report and the document are made from it.
 * {@code foreign} is the largest scale test run again among other workloads' objects, or null.
 */
record Results(
    List<StartupPhase.Start> starts,
    LatencyPhase.Result latency,
    List<CriticalPathPhase.Run> criticalPath,
    List<ScalePhase.Result> scale,
    ScalePhase.Result foreign) {

  /** The report: medians of the start-ups and of the critical-path runs, the largest scale test. */
  BenchReport report() {
    ScalePhase.Result largest = scale.get(scale.size() - 1);
    return new BenchReport(
        latency.latency().distribution(),
        BenchReport.round(
            median(criticalPath.stream().map(CriticalPathPhase.Run::criticalPathRatio).toList()),
            3),
        BenchReport.round(
            median(criticalPath.stream().map(CriticalPathPhase.Run::sequentialRatio).toList()), 3),
        new BenchReport.Concurrent(
            largest.runs(),
            largest.succeeded(),
            largest.pvcs(),
            BenchReport.round(largest.wallSeconds(), 1),
            BenchReport.round(largest.heapMaxMiB(), 1),
            BenchReport.round(largest.apiRequestsPerPvc(), 1),
            largest.leftovers()),
        new BenchReport.Startup(
            BenchReport.round(
                median(starts.stream().map(StartupPhase.Start::readyMillis).toList()), 0),
            BenchReport.round(
                median(starts.stream().map(StartupPhase.Start::idleRssMiB).toList()), 1)),
        foreign == null ? null : BenchReport.Foreign.of(largest, foreign));
  }

  /** Whether every run succeeded and left nothing behind: the benchmark's exit code. */
  boolean allRunsClean() {
    return latency.succeeded() == latency.runs()
        && criticalPath.stream().allMatch(CriticalPathPhase.Run::succeeded)
        && scale.stream().allMatch(Results::clean)
        && (foreign == null || clean(foreign));
  }

  private static boolean clean(ScalePhase.Result scale) {
    return scale.succeeded() == scale.runs() && scale.leftovers() == 0;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
