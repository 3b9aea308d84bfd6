package dev.s3csi.validator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.s3csi.validator.spec.DurationText;

/**
 * The benchmark's command line.
 *
 * @param startups operator start-ups to time
 * @param idle how long the operator idles after start-up before its resident memory is read
 * @param latencyRuns runs the reaction latency is measured over
 * @param latencyParallel how many of those run at once
 * @param criticalPathRuns runs timed against the slow fault's injected latencies, one at a time
 * @param criticalPathWarmUps untimed runs before those: a fresh JVM's first runs pay for class
 *     loading and the JIT
 * @param slowStage the latency the slow fault adds to each stage in those runs
 * @param concurrentRuns the sizes of the scale test, each on a fresh sandbox and operator; the JSON
 *     reports the last one
 * @param foreignObjects other workloads' PVs (and five Events for each) the largest scale test is
 *     run again with, 0 for none
 * @param maxHeap the operator JVM's -Xmx
 * @param jfr whether to record a JFR profile of each operator JVM
 * @param doc where to write the results as docs/performance.md, or null
 * @param cluster the sandbox (every phase), or the real control plane (the reaction latency only,
 *     over {@code latencyRuns} runs {@code latencyParallel} at a time)
 */
record BenchOptions(
    Cluster cluster,
    Output output,
    int startups,
    Duration idle,
    int latencyRuns,
    int latencyParallel,
    int criticalPathRuns,
    int criticalPathWarmUps,
    Duration slowStage,
    List<Integer> concurrentRuns,
    int foreignObjects,
    String maxHeap,
    boolean jfr,
    Path workDir,
    Path doc) {

  enum Output {
    TABLE,
    JSON
  }

  enum Cluster {
    SANDBOX,
    REAL
  }

  static final String USAGE =
      String.join(
          "\n",
          "usage: mvn -Pbench -Dbench.args=\"[options]\"",
          "  --cluster sandbox|real       sandbox (default): every phase; real: the reaction latency on the real control plane",
          "                               (realworld/, needs Go), from the API server's audit log, over the latency runs",
          "  --output table|json          result format (default: table); json prints one object on stdout",
          "  --startups K                 operator start-ups to time (default 5)",
          "  --idle DURATION              how long each idles before its resident memory is read (default 5s)",
          "  --latency-runs R             runs of all six scenarios the reaction latency is measured over (default 30)",
          "  --latency-parallel P         how many of them run at once (default 5)",
          "  --critical-path-runs K       runs timed one at a time against the slow fault (default 3)",
          "  --critical-path-warm-ups W   untimed runs before them (default 3; 0 for none)",
          "  --slow-stage DURATION        the slow fault's latency per stage in those runs (default 1s)",
          "  --concurrent-runs N[,N...]   scale test sizes, each on a fresh sandbox and operator (default 20,100)",
          "  --foreign-objects N          run the largest scale test again on a cluster holding N other PVs and 5*N other Events (default 0)",
          "  --max-heap SIZE              the operator JVM's -Xmx (default 256m)",
          "  --jfr                        record a JFR profile of each operator JVM (in the work directory)",
          "  --work-dir DIR               kubeconfigs, operator logs and profiles (default target/bench)",
          "  --write-doc FILE             write the results, machine and baseline comparison there (docs/performance.md)",
          "  --help                       this list");

  static BenchOptions defaults() {
    return new BenchOptions(
        Cluster.SANDBOX,
        Output.TABLE,
        5,
        Duration.ofSeconds(5),
        30,
        5,
        3,
        3,
        Duration.ofSeconds(1),
        List.of(20, 100),
        0,
        "256m",
        false,
        Path.of("target", "bench"),
        null);
  }

  static BenchOptions parse(List<String> args) {
    BenchOptions o = defaults();
    Cluster cluster = o.cluster();
    Output output = o.output();
    int startups = o.startups();
    Duration idle = o.idle();
    int latencyRuns = o.latencyRuns();
    int latencyParallel = o.latencyParallel();
    int criticalPathRuns = o.criticalPathRuns();
    int criticalPathWarmUps = o.criticalPathWarmUps();
    Duration slowStage = o.slowStage();
    List<Integer> concurrentRuns = o.concurrentRuns();
    int foreignObjects = o.foreignObjects();
    String maxHeap = o.maxHeap();
    boolean jfr = o.jfr();
    Path workDir = o.workDir();
    Path doc = o.doc();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (flag.equals("--jfr")) {
        jfr = true;
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args.get(++i);
      switch (flag) {
        case "--cluster" -> cluster = choice(Cluster.class, flag, value);
        case "--output" -> output = choice(Output.class, flag, value);
        case "--startups" -> startups = positive(flag, value);
        case "--idle" -> idle = duration(flag, value);
        case "--latency-runs" -> latencyRuns = positive(flag, value);
        case "--latency-parallel" -> latencyParallel = positive(flag, value);
        case "--critical-path-runs" -> criticalPathRuns = positive(flag, value);
        case "--critical-path-warm-ups" -> criticalPathWarmUps = atLeast(0, flag, value);
        case "--slow-stage" -> slowStage = duration(flag, value);
        case "--concurrent-runs" ->
            concurrentRuns =
                Arrays.stream(value.split(","))
                    .map(String::strip)
                    .map(v -> positive(flag, v))
                    .toList();
        case "--foreign-objects" -> foreignObjects = atLeast(0, flag, value);
        case "--max-heap" -> {
          if (!value.matches("[0-9]+[kmgKMG]?")) {
            throw new IllegalArgumentException(
                "--max-heap takes a JVM size such as 256m, got '" + value + "'");
          }
          maxHeap = value;
        }
        case "--work-dir" -> workDir = Path.of(value);
        case "--write-doc" -> doc = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new BenchOptions(
        cluster,
        output,
        startups,
        idle,
        latencyRuns,
        latencyParallel,
        criticalPathRuns,
        criticalPathWarmUps,
        slowStage,
        concurrentRuns,
        foreignObjects,
        maxHeap,
        jfr,
        workDir,
        doc);
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String flag, String value) {
    return Arrays.stream(type.getEnumConstants())
        .filter(v -> v.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    flag
                        + " takes "
                        + String.join(
                            " or ",
                            Arrays.stream(type.getEnumConstants())
                                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
                                .toList())
                        + ", got '"
                        + value
                        + "'"));
  }

  private static int positive(String flag, String value) {
    return atLeast(1, flag, value);
  }

  private static int atLeast(int least, String flag, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number >= least) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(
        flag + " takes a whole number of at least " + least + ", got '" + value + "'");
  }

  private static Duration duration(String flag, String value) {
    try {
      Duration duration = DurationText.parse(value);
      if (!duration.isZero()) {
        return duration;
      }
    } catch (IllegalArgumentException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(
        flag + " takes a duration such as 1s or 500ms, got '" + value + "'");
  }
}
