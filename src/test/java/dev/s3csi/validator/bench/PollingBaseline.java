package dev.s3csi.validator.bench;

import java.time.Duration;

/**
 * The anchor the benchmark compares with: the Kubernetes e2e framework the driver's own e2e suite
 * uses, which checks every awaited condition (PVC bound, pod succeeded, PV deleted, event present)
 * at once and then every 2 s ({@code framework.Poll}), and runs its scenarios one after another.
 * Modeled, not measured, from the same injected latencies: a stage of latency L is noticed at the
 * first poll after it ends, ceil(L / 2 s) x 2 s after it starts, and nothing else is counted (no
 * API round trip, no pod start-up, no S3 request), which flatters the baseline.
 *
 * <p>Two models: the suite as it runs (sequential: its scenarios one after another), and the same
 * polls with the scenarios side by side (concurrent: each scenario a goroutine), which is what an
 * operator running its scenarios at once should be compared with.
 */
final class PollingBaseline {
  static final Duration POLL = Duration.ofSeconds(2);

  private PollingBaseline() {}

  /** How long the baseline waits for one stage of latency {@code stage}. */
  static double awaitSeconds(Duration stage) {
    long polls = (stage.toNanos() + POLL.toNanos() - 1) / POLL.toNanos();
    return polls * POLL.toNanos() / 1e9;
  }

  /** The baseline's wall time for the scenarios of {@code run}, one after another. */
  static double sequentialRunSeconds(CriticalPathPhase.Run run) {
    return run.stagesByScenario().keySet().stream()
        .mapToDouble(scenario -> scenarioSeconds(run, scenario))
        .sum();
  }

  /** The baseline's wall time for the scenarios of {@code run}, side by side: its longest. */
  static double concurrentRunSeconds(CriticalPathPhase.Run run) {
    return run.stagesByScenario().keySet().stream()
        .mapToDouble(scenario -> scenarioSeconds(run, scenario))
        .max()
        .orElse(0);
  }

  /**
   * One scenario: each stage noticed at a poll, and the wait the scenario makes by design (a
   * refusal held for the settle period; the driver's e2e suite holds it too), noticed at once.
   */
  private static double scenarioSeconds(CriticalPathPhase.Run run, String scenario) {
    return run.stagesByScenario().get(scenario) * awaitSeconds(run.slowStage())
        + run.designedWait(scenario).toNanos() / 1e9;
  }

  /**
   * The baseline's reaction latency: a change at a uniformly random point of a 2 s poll period is
   * noticed at the period's end, so the latency is uniform on [0, 2 s].
   */
  static Distribution reactionMillis() {
    double poll = POLL.toMillis();
    return new Distribution(poll * 0.50, poll * 0.95, poll * 0.99, poll, 0);
  }
}
