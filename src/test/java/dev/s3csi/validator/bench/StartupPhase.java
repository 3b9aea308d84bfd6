package dev.s3csi.validator.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.sandbox.SandboxOptions;

/**
 * Start-up: the time from starting the operator's JVM to its {@code /readyz} answering 200, and its
 * resident memory once it has been idle for a while ({@code --idle}), on a cluster with no runs.
 * Each start is a new JVM, against one sandbox.
 */
final class StartupPhase {
  /** One start: ready after {@code readyMillis}, {@code idleRssMiB} resident when idle. */
  record Start(double readyMillis, double idleRssMiB) {}

  private StartupPhase() {}

  static List<Start> measure(BenchOptions options, PrintStream progress) {
    List<Start> starts = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      for (int i = 1; i <= options.startups(); i++) {
        var settings =
            new OperatorJvm.Settings(
                options.maxHeap(), OperatorSettings.DEFAULT_MAX_CONCURRENT_RUNS, options.jfr());
        try (OperatorJvm operator =
            OperatorJvm.start(sandbox, options.workDir(), "startup-" + i, settings)) {
          Duration ready = operator.awaitReady(TestBed.READY_LIMIT);
          OperatorJvm.sleep(options.idle());
          Start start = new Start(ready.toNanos() / 1e6, operator.residentKiB() / 1024.0);
          progress.printf(
              "bench: start-up %d/%d: ready after %.0f ms, %.1f MiB resident when idle%n",
              i, options.startups(), start.readyMillis(), start.idleRssMiB());
          starts.add(start);
        }
      }
    }
    return starts;
  }
}
