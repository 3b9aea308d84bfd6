package dev.s3csi.validator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.s3csi.validator.sandbox.ForeignObjects;
import dev.s3csi.validator.sandbox.Timeline.ChangeKind;
import dev.s3csi.validator.spec.DurationText;

/**
 * Writes the benchmark's results into docs/performance.md, between two markers: what lies outside
 * them (the history of changes made for performance, written by people) is kept as it is. A file
 * without the markers gets them appended.
 */
final class PerformanceDoc {
  static final String BEGIN =
      "<!-- bench:begin (written by mvn -Pbench --write-doc; edit outside these markers) -->";
  static final String END = "<!-- bench:end -->";
  static final String REAL_BEGIN =
      "<!-- bench:real:begin (written by mvn -Pbench --cluster real --write-doc; edit outside these markers) -->";
  static final String REAL_END = "<!-- bench:real:end -->";

  private PerformanceDoc() {}

  static void write(BenchOptions options, Results results, List<String> args) {
    write(options.doc(), BEGIN, END, render(options, results, args));
  }

  /** The real control plane's figures, in a block of their own: the sandbox's stay as they are. */
  static void writeRealWorld(BenchOptions options, RealWorldPhase result, List<String> args) {
    write(options.doc(), REAL_BEGIN, REAL_END, renderRealWorld(result, args));
  }

  private static void write(Path file, String beginMarker, String endMarker, String text) {
    try {
      String existing = Files.exists(file) ? Files.readString(file) : "# Performance\n\n";
      int begin = existing.indexOf(beginMarker);
      int end = existing.indexOf(endMarker);
      String block = beginMarker + "\n" + text + endMarker;
      String updated =
          begin >= 0 && end > begin
              ? existing.substring(0, begin) + block + existing.substring(end + endMarker.length())
              : existing + (existing.endsWith("\n") ? "" : "\n") + "\n" + block + "\n";
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, updated);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String render(BenchOptions options, Results results, List<String> args) {
    BenchReport report = results.report();
    StringBuilder md = new StringBuilder();
    measuredOn(md, args);
    summary(md, report, options);
    latency(md, results.latency());
    criticalPath(md, results.criticalPath(), options);
    scale(md, results.scale(), options);
    foreign(md, results);
    startup(md, results.starts(), options);
    baseline(md, report, results.criticalPath());
    return md.toString();
  }

  private static void measuredOn(StringBuilder md, List<String> args) {
    md.append("Measured on ")
        .append(LocalDate.now(ZoneOffset.UTC))
        .append(" on ")
        .append(Machine.describe())
        .append(", load average (1 / 5 / 15 min) ")
        .append(Machine.loadAverageAtStart())
        .append(" at the start. Reproduce with:\n\n```sh\nmvn -Pbench -Dbench.args=\"")
        .append(String.join(" ", args))
        .append("\"\n```\n\n");
  }

  static String renderRealWorld(RealWorldPhase result, List<String> args) {
    StringBuilder md = new StringBuilder();
    measuredOn(md, args);
    md.append(
        f(
            "Kubernetes %s (etcd, kube-apiserver, kube-controller-manager), %s, the simulated node; the operator in its own"
                + " JVM (-Xmx and flags as in the sandbox) as the chart's ServiceAccount. %d runs of all six scenarios, %d at a"
                + " time after one warm-up run, with the real world's deadlines; %d succeeded. Every instant is the API"
                + " server's: the `stageTimestamp` (ResponseComplete) of the change in its audit log, and of the operator's"
                + " status write concluding the step that awaited it. %d further changes were followed by another one the"
                + " same step still awaited, and %d by no conclusion.%n%n",
            result.cluster().kubernetesVersion(),
            result.cluster().driver(),
            result.runs(),
            result.parallel(),
            result.succeeded(),
            result.latency().superseded(),
            result.latency().unanswered()));
    reactions(md, "change another component made", result.latency(), result.refusalSettle());
    if (!result.failures().isEmpty()) {
      md.append("Runs that did not succeed:\n\n");
      result.failures().forEach(line -> md.append("- ").append(line).append("\n"));
      md.append("\n");
    }
    md.append("```json\n").append(result.toJson()).append("\n```\n\n");
    return md.toString();
  }

  private static void summary(StringBuilder md, BenchReport report, BenchOptions options) {
    Distribution latency = report.reactionLatencyMillis();
    BenchReport.Concurrent concurrent = report.concurrent();
    md.append("| measurement | target | result |\n|---|---|---|\n");
    row(md, "reaction latency p50", "≤ 20 ms", f("%.1f ms", latency.p50()), latency.p50() <= 20);
    row(md, "reaction latency p99", "≤ 100 ms", f("%.1f ms", latency.p99()), latency.p99() <= 100);
    row(
        md,
        "critical path ratio (wall ÷ longest scenario's inevitable time)",
        "≤ 1.15",
        f("%.3f", report.criticalPathRatio()),
        report.criticalPathRatio() <= 1.15);
    row(
        md,
        "sequential ratio (wall ÷ all scenarios' inevitable time)",
        "—",
        f("%.3f", report.sequentialRatio()),
        true);
    row(
        md,
        concurrent.runs() + " concurrent runs under -Xmx" + options.maxHeap() + ": succeeded",
        "all",
        concurrent.succeeded() + "/" + concurrent.runs(),
        concurrent.succeeded() == concurrent.runs());
    row(
        md,
        "left behind (PVCs, PVs, pods, StorageClasses, buckets)",
        "0",
        Integer.toString(concurrent.leftovers()),
        concurrent.leftovers() == 0);
    row(
        md,
        "operator API requests per PVC",
        "≤ 40",
        f("%.1f", concurrent.apiRequestsPerPvc()),
        concurrent.apiRequestsPerPvc() <= 40);
    row(
        md,
        "heap used, max (of -Xmx" + options.maxHeap() + ")",
        "—",
        f("%.1f MiB", concurrent.heapMaxMiB()),
        true);
    row(
        md,
        "wall time of the " + concurrent.runs() + " runs",
        "—",
        f("%.1f s", concurrent.wallSeconds()),
        true);
    row(
        md,
        "ready after start",
        "≤ 3 s",
        f("%.0f ms", report.startup().readyMillis()),
        report.startup().readyMillis() <= 3000);
    row(
        md,
        "resident memory when idle",
        "≤ 200 MiB",
        f("%.1f MiB", report.startup().idleRssMiB()),
        report.startup().idleRssMiB() <= 200);
    if (report.foreignObjects() != null) {
      BenchReport.Foreign foreign = report.foreignObjects();
      row(
          md,
          f(
              "live heap max with %d other PVs and %d other Events (without → with)",
              foreign.pvs(), foreign.events()),
          "≤ +10 MiB",
          f("%.1f → %.1f MiB", foreign.liveHeapMiB().without(), foreign.liveHeapMiB().with()),
          foreign.liveHeapMiB().with() <= foreign.liveHeapMiB().without() + 10);
      row(
          md,
          "operator API requests per PVC, the same (without → with)",
          "within 10 %",
          f(
              "%.1f → %.1f",
              foreign.apiRequestsPerPvc().without(), foreign.apiRequestsPerPvc().with()),
          foreign.apiRequestsPerPvc().with() <= foreign.apiRequestsPerPvc().without() * 1.1);
    }
    md.append("\nThe JSON (`--output json`):\n\n```json\n")
        .append(report.toJson())
        .append("\n```\n\n");
  }

  private static void row(
      StringBuilder md, String what, String target, String result, boolean met) {
    md.append("| ")
        .append(what)
        .append(" | ")
        .append(target)
        .append(" | ")
        .append(result)
        .append(met || "—".equals(target) ? "" : " (missed)")
        .append(" |\n");
  }

  private static void latency(StringBuilder md, LatencyPhase.Result result) {
    md.append("### Reaction latency\n\n")
        .append(
            f(
                "%d runs of all six scenarios, %d at a time after one warm-up run. Each sample is a state change and the status"
                    + " write that concluded the step awaiting it; %d further changes were followed by another one the same step"
                    + " still awaited (three PVCs bound: the last one counts), and %d by no conclusion at all.%n%n",
                result.runs(),
                result.parallel(),
                result.latency().superseded(),
                result.latency().unanswered()));
    reactions(md, "change the simulator made", result.latency(), TestBed.REFUSAL_SETTLE);
  }

  /**
   * The reaction latency by kind of change, and apart from it the conclusions a timer caused: the
   * refusals held for the settle period.
   */
  static void reactions(
      StringBuilder md, String changeColumn, ReactionLatency latency, Duration settle) {
    md.append("| ")
        .append(changeColumn)
        .append(" | samples | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
    distribution(md, "all", latency.distribution());
    for (Map.Entry<ChangeKind, Distribution> kind : latency.byKind().entrySet()) {
      distribution(md, describe(kind.getKey()), kind.getValue());
    }
    Distribution settled = latency.settledDistribution();
    md.append(
        f(
            "%nNot in these figures: the %d conclusions of invalidParameters' `%s` step, which a timer causes, not a"
                + " change: a refusal counts once the PVC has stayed unbound for `timeouts.refusalSettle` (%s here) after"
                + " the operator first saw it. From the change before each (the last refusal, or the last binding of a"
                + " case the driver ignored) to the conclusion: p50 %.1f ms, p95 %.1f ms, max %.1f ms, the settle period"
                + " included.%n%n",
            settled.samples(),
            ReactionLatency.SETTLE_TIMED_STEP,
            DurationText.format(settle),
            settled.p50(),
            settled.p95(),
            settled.max()));
  }

  private static String describe(ChangeKind kind) {
    return switch (kind) {
      case BOUND -> "PVC bound";
      case REFUSED -> "provisioning refused (Warning event)";
      case POD_FINISHED -> "probe pod finished";
      case VOLUME_DELETED -> "PV deleted";
    };
  }

  private static void distribution(StringBuilder md, String what, Distribution d) {
    md.append(
        f(
            "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
            what, d.samples(), d.p50(), d.p95(), d.p99(), d.max()));
  }

  private static void criticalPath(
      StringBuilder md, List<CriticalPathPhase.Run> runs, BenchOptions options) {
    CriticalPathPhase.Run first = runs.get(0);
    md.append("### Critical path\n\n")
        .append(
            f(
                "The slow fault adds %s to every stage (provisioning, mounting, deletion); runs one at a time, after %d warm-up"
                    + " runs. Stages per scenario: %s. invalidParameters also holds each refusal for `timeouts.refusalSettle`"
                    + " (%s) by design: that wait is counted as inevitable, like an injected latency.%n%n",
                durationText(first),
                options.criticalPathWarmUps(),
                first.stagesByScenario(),
                DurationText.format(first.refusalSettle())));
    md.append(
        "| run | outcome | wall | longest scenario (inevitable) | all scenarios (inevitable) | critical path ratio | sequential ratio |"
            + " CPU: operator / sandbox | API requests: operator / all |\n|---|---|---|---|---|---|---|---|---|\n");
    for (CriticalPathPhase.Run run : runs) {
      md.append(
          f(
              "| %s | %s | %.2f s | %.2f s | %.2f s | %.3f | %.3f | %.2f s / %.2f s | %d / %d |%n",
              run.name(),
              run.succeeded() ? "Succeeded" : "FAILED",
              run.wallSeconds(),
              run.longestSeconds(),
              run.sumSeconds(),
              run.criticalPathRatio(),
              run.sequentialRatio(),
              run.operatorCpuSeconds(),
              run.sandboxCpuSeconds(),
              run.operatorRequests(),
              run.requests()));
    }
    md.append("\n");
  }

  private static String durationText(CriticalPathPhase.Run run) {
    return DurationText.format(run.slowStage());
  }

  private static void scale(
      StringBuilder md, List<ScalePhase.Result> results, BenchOptions options) {
    md.append("### Concurrent runs\n\n")
        .append(
            f(
                "N runs of all six scenarios created at once; the operator in its own JVM with -Xmx%s and MAX_CONCURRENT_RUNS=N, a"
                    + " fresh sandbox and operator for each N. Probe files of %s bytes. Requests: every request the operator sent"
                    + " (reads, lists, watches, writes) from its start. Heap: sampled every 250 ms from its metrics (`jvm_memory_used_bytes`,"
                    + " all heap pools; live = `jvm_gc_live_data_size_bytes`, the heap left by a collection of the old generation, read"
                    + " once more after a full collection, `jcmd GC.run`, when every run has finished).%n%n",
                options.maxHeap(), TestBed.FILE_SIZES));
    md.append(
        "| N | succeeded | PVCs | wall | heap max | live heap max | requests | per PVC | writes | left behind | RSS after |"
            + " reaction latency p50 / p99 under this load |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ScalePhase.Result r : results) {
      Distribution latency = r.latency().distribution();
      md.append(
          f(
              "| %d | %d | %d | %.1f s | %.1f MiB | %.1f MiB | %d | %.1f | %d | %d | %.1f MiB | %.1f ms / %.1f ms |%n",
              r.runs(),
              r.succeeded(),
              r.pvcs(),
              r.wallSeconds(),
              r.heapMaxMiB(),
              r.liveHeapMaxMiB(),
              r.requests(),
              r.apiRequestsPerPvc(),
              r.writes(),
              r.leftovers(),
              r.rssAfterMiB(),
              latency.p50(),
              latency.p99()));
    }
    md.append("\n");
  }

  private static void foreign(StringBuilder md, Results results) {
    if (results.foreign() == null) {
      return;
    }
    ScalePhase.Result with = results.foreign();
    ScalePhase.Result without = results.scale().get(results.scale().size() - 1);
    md.append("### Among other workloads' objects\n\n")
        .append(
            f(
                "The %d concurrent runs again, on a cluster whose API server lists %d PVs and %d Events of other"
                    + " workloads (the S3 driver's PVs of another StorageClass, pods' Events in %d other namespaces) before"
                    + " the operator starts. They are served beside the mock server's store (sandbox `ForeignObjects`: its"
                    + " store matches every object against every request, so 60,000 objects there would measure the mock"
                    + " server).%n%n",
                with.runs(),
                with.foreignVolumes(),
                with.foreignEvents(),
                ForeignObjects.NAMESPACES));
    md.append(
        "| cluster | succeeded | wall | heap max | live heap max | requests | per PVC | left behind | RSS after |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    for (ScalePhase.Result r : List.of(without, with)) {
      md.append(
          f(
              "| %s | %d/%d | %.1f s | %.1f MiB | %.1f MiB | %d | %.1f | %d | %.1f MiB |%n",
              r == with ? "with other workloads' objects" : "without",
              r.succeeded(),
              r.runs(),
              r.wallSeconds(),
              r.heapMaxMiB(),
              r.liveHeapMaxMiB(),
              r.requests(),
              r.apiRequestsPerPvc(),
              r.leftovers(),
              r.rssAfterMiB()));
    }
    md.append("\n");
  }

  private static void startup(
      StringBuilder md, List<StartupPhase.Start> starts, BenchOptions options) {
    md.append("### Start-up\n\n")
        .append(
            f(
                "From starting `java -Xmx%s %s -cp … dev.s3csi.validator.cli.Main operator` (the image's JVM flags) to `/readyz`"
                    + " answering 200, against an API server with no runs; resident memory (VmRSS) after %d s idle. Each start a new JVM.%n%n",
                options.maxHeap(),
                String.join(" ", OperatorJvm.IMAGE_JVM_FLAGS),
                options.idle().toSeconds()));
    md.append("| start | ready after | idle RSS |\n|---|---|---|\n");
    for (int i = 0; i < starts.size(); i++) {
      md.append(
          f(
              "| %d | %.0f ms | %.1f MiB |%n",
              i + 1, starts.get(i).readyMillis(), starts.get(i).idleRssMiB()));
    }
    md.append("\n");
  }

  private static void baseline(
      StringBuilder md, BenchReport report, List<CriticalPathPhase.Run> runs) {
    CriticalPathPhase.Run first = runs.get(0);
    double measured =
        Results.median(runs.stream().map(CriticalPathPhase.Run::wallSeconds).toList());
    double sequential = PollingBaseline.sequentialRunSeconds(first);
    double concurrent = PollingBaseline.concurrentRunSeconds(first);
    Distribution poll = PollingBaseline.reactionMillis();
    md.append("### Against a 2 s polling suite, concurrent and sequential\n\n")
        .append(
            "The Kubernetes e2e framework of the driver's own e2e suite checks each awaited condition every 2 s and runs its scenarios one after"
                + " another. Its numbers here are **modeled, not measured**: from the same injected latencies, each stage is noticed at"
                + " the first 2 s poll after it ends, the refusal settle period is waited as this operator waits it, and nothing"
                + " else is counted (no API round trip, no pod start, no S3 request), which flatters it. *Sequential* is the suite as it runs; *concurrent* is the same polls with every scenario"
                + " running at once, as this operator runs them: the fair comparison, and the headline.\n\n");
    md.append(
        "| | this operator (measured) | 2 s polling, concurrent (modeled) | 2 s polling, sequential (modeled) |\n"
            + "|---|---|---|---|\n");
    md.append(
        f(
            "| default run, %s per stage | %.2f s | %.2f s (%.2f× longer) | %.2f s (%.1f× longer) |%n",
            durationText(first),
            measured,
            concurrent,
            concurrent / measured,
            sequential,
            sequential / measured));
    md.append(
        f(
            "| reaction latency p50 / p99 | %.1f ms / %.1f ms | %.0f ms / %.0f ms | %.0f ms / %.0f ms |%n%n",
            report.reactionLatencyMillis().p50(),
            report.reactionLatencyMillis().p99(),
            poll.p50(),
            poll.p99(),
            poll.p50(),
            poll.p99()));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
