package dev.s3csi.validator.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code mvn -Pbench}: measures the operator on the sandbox, with the operator in a JVM of its own
 * (docs/performance.md): its reaction latency, a run's wall time against the critical path of
 * injected latencies, N concurrent runs under a small heap, and its start-up. With {@code --cluster
 * real}, its reaction latency on the real control plane instead. Prints the result (with {@code
 * --output json}, one JSON object on stdout); progress goes to stderr. Exit code 0 when every run
 * succeeded and left nothing behind, 1 when one did not, 2 for bad arguments. Timings are reported,
 * never judged: targets are for people to read against.
 */
public final class Bench {
  static final int CLEAN = 0;
  static final int RUNS_FAILED = 1;
  static final int USAGE = 2;

  private Bench() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help")) {
      err.println(BenchOptions.USAGE);
      return CLEAN;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(BenchOptions.USAGE);
      return USAGE;
    }
    err.println("bench: load average at the start " + Machine.loadAverageAtStart());
    if (options.cluster() == BenchOptions.Cluster.REAL) {
      return realWorld(options, args, out, err);
    }
    List<StartupPhase.Start> starts = StartupPhase.measure(options, err);
    LatencyPhase.Result latency = LatencyPhase.measure(options, err);
    List<CriticalPathPhase.Run> criticalPath = CriticalPathPhase.measure(options, err);
    List<ScalePhase.Result> scale = new ArrayList<>();
    for (int count : options.concurrentRuns()) {
      scale.add(ScalePhase.measure(options, count, err));
    }
    ScalePhase.Result foreign =
        options.foreignObjects() == 0
            ? null
            : ScalePhase.measure(
                options,
                options.concurrentRuns().get(options.concurrentRuns().size() - 1),
                options.foreignObjects(),
                err);
    Results results = new Results(starts, latency, criticalPath, scale, foreign);
    BenchReport report = results.report();
    if (options.output() == BenchOptions.Output.JSON) {
      out.println(report.toJson());
    } else {
      out.print(ResultsTable.render(results));
    }
    if (options.doc() != null) {
      PerformanceDoc.write(options, results, args);
      err.println("bench: wrote " + options.doc());
    }
    return results.allRunsClean() ? CLEAN : RUNS_FAILED;
  }

  /** {@code --cluster real}: the reaction latency on the real control plane only. */
  private static int realWorld(
      BenchOptions options, List<String> args, PrintStream out, PrintStream err) {
    RealWorldPhase result = RealWorldPhase.measure(options, err);
    out.println(options.output() == BenchOptions.Output.JSON ? result.toJson() : result.line());
    if (options.doc() != null) {
      PerformanceDoc.writeRealWorld(options, result, args);
      err.println("bench: wrote " + options.doc());
    }
    return result.failures().isEmpty() ? CLEAN : RUNS_FAILED;
  }
}
