package dev.s3csi.validator.bench;

import java.util.Locale;

/** The benchmark's result for a terminal: one line per measurement. */
final class ResultsTable {
  private ResultsTable() {}

  static String render(Results results) {
    BenchReport report = results.report();
    StringBuilder out = new StringBuilder();
    Distribution latency = report.reactionLatencyMillis();
    line(
        out,
        "reaction latency",
        String.format(
            Locale.ROOT,
            "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples over %d runs)",
            latency.p50(),
            latency.p95(),
            latency.p99(),
            latency.max(),
            latency.samples(),
            results.latency().runs()));
    CriticalPathPhase.Run typical = results.criticalPath().get(0);
    line(
        out,
        "critical path",
        String.format(
            Locale.ROOT,
            "ratio %.3f, sequential %.3f (median of %d runs; longest scenario %.1f s,"
                + " all scenarios %.1f s inevitable: stages and the refusal settle period)",
            report.criticalPathRatio(),
            report.sequentialRatio(),
            results.criticalPath().size(),
            typical.longestSeconds(),
            typical.sumSeconds()));
    for (ScalePhase.Result scale : results.scale()) {
      line(
          out,
          "concurrent runs " + scale.runs(),
          String.format(
              Locale.ROOT,
              "%d succeeded, %d PVCs, %.1f s, heap max %.1f MiB, %.1f operator requests per PVC, %d left behind",
              scale.succeeded(),
              scale.pvcs(),
              scale.wallSeconds(),
              scale.heapMaxMiB(),
              scale.apiRequestsPerPvc(),
              scale.leftovers()));
    }
    if (report.foreignObjects() != null) {
      BenchReport.Foreign foreign = report.foreignObjects();
      line(
          out,
          "foreign objects",
          String.format(
              Locale.ROOT,
              "%d PVs and %d Events of other workloads: live heap %.1f -> %.1f MiB,"
                  + " %.1f -> %.1f operator requests per PVC",
              foreign.pvs(),
              foreign.events(),
              foreign.liveHeapMiB().without(),
              foreign.liveHeapMiB().with(),
              foreign.apiRequestsPerPvc().without(),
              foreign.apiRequestsPerPvc().with()));
    }
    line(
        out,
        "start-up",
        String.format(
            Locale.ROOT,
            "ready after %.0f ms, %.1f MiB resident when idle (median of %d)",
            report.startup().readyMillis(),
            report.startup().idleRssMiB(),
            results.starts().size()));
    return out.toString();
  }

  private static void line(StringBuilder out, String what, String value) {
    out.append(String.format(Locale.ROOT, "%-20s %s%n", what, value));
  }
}
