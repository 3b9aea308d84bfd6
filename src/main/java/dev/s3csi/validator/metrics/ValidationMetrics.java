package dev.s3csi.validator.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.kube.ScheduleLabel;
import dev.s3csi.validator.observe.RunObserver;
import dev.s3csi.validator.observe.Transition;

import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The validator's own meters (docs/metrics.md). Labels are bounded by construction: scenario, step
 * and reason come from enums and the scenario catalog, schedule from the schedule label; never a
 * generated run name, never error text.
 *
 * <p>Counters count transitions, which the reconciler reports once each. The per-schedule gauges
 * follow the finished run with the latest completion time, and are rebuilt from the runs still in
 * the cluster when the operator starts.
 */
public final class ValidationMetrics implements RunObserver {
  static final String NONE = "none";

  /** Step duration buckets: sub-second API round trips up to the ten-minute deadlines. */
  static final Duration[] STEP_BUCKETS = {
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
    Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
        Duration.ofSeconds(300),
    Duration.ofSeconds(600)
  };

  private final MeterRegistry registry;
  private final Counter cleanupFailures;
  private final Map<String, ScheduleState> schedules = new ConcurrentHashMap<>();
  private final AtomicReference<FinishedRun> latest = new AtomicReference<>();
  private final AtomicReference<IndexerResourceCache<ProvisioningValidation>> runs =
      new AtomicReference<>();

  public ValidationMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Series exist from the start at zero, so that increase() sees the first failure too.
    for (Phase result : List.of(Phase.Succeeded, Phase.Failed)) {
      runs(result);
    }
    for (ScenarioName scenario : ScenarioName.values()) {
      scenarioOutcomes(scenario, Outcome.Passed, null);
      for (Reason reason : Reason.values()) {
        scenarioOutcomes(scenario, Outcome.Failed, reason);
      }
      for (Reason note : Reason.NOTES) {
        notes(scenario, note);
      }
    }
    cleanupFailures =
        Counter.builder("pval.cleanup.failures")
            .description("Cleanup steps that failed: objects or buckets a run could not remove")
            .register(registry);
    Gauge.builder("pval.leaked.buckets", latest, l -> l.get() == null ? 0 : l.get().leakedBuckets())
        .description("Leaked buckets (status.leakedBuckets) the latest finished run reported")
        .strongReference(true)
        .register(registry);
    Gauge.builder("pval.active.runs", runs, ValidationMetrics::countActive)
        .description("Runs not yet Succeeded or Failed")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void persisted(
      ProvisioningValidation run, ValidationStatus persisted, List<Transition> transitions) {
    for (Transition transition : transitions) {
      if (transition instanceof Transition.StepFinished step) {
        stepFinished(step);
      } else if (transition instanceof Transition.NoteAdded note) {
        notes(note.scenario(), note.reason()).increment();
      } else if (transition instanceof Transition.ScenarioFinished scenario) {
        scenarioOutcomes(scenario.scenario(), scenario.outcome(), scenario.reason()).increment();
      } else if (transition instanceof Transition.RunFinished finished) {
        runs(finished.phase()).increment();
        finishedRun(run, persisted);
      }
    }
  }

  @Override
  public void finishedRunSeen(ProvisioningValidation run) {
    finishedRun(run, run.getStatus());
  }

  @Override
  public void watching(IndexerResourceCache<ProvisioningValidation> cache) {
    runs.set(cache);
  }

  private void stepFinished(Transition.StepFinished step) {
    if (step.outcome() == Outcome.Passed) {
      // Time to success: a failed step's duration is its deadline, which the failure alert covers.
      Timer.builder("pval.step.duration")
          .description("Time from a step's start to its observed success")
          .tags("scenario", step.scenario().wireName(), "step", step.step())
          .serviceLevelObjectives(STEP_BUCKETS)
          .register(registry)
          .record(Duration.ofMillis(step.durationMillis()));
    } else if (step.cleanup()) {
      cleanupFailures.increment();
    }
  }

  private void finishedRun(ProvisioningValidation run, ValidationStatus status) {
    if (status == null
        || status.getCompletionTime() == null
        || status.getPhase() == null
        || !status.getPhase().isTerminal()) {
      return;
    }
    FinishedRun finished =
        new FinishedRun(
            Instant.parse(status.getCompletionTime()),
            status.getPhase() == Phase.Succeeded,
            status.getLeakedBuckets() == null ? 0 : status.getLeakedBuckets().size());
    latest.accumulateAndGet(finished, FinishedRun::later);
    schedules.computeIfAbsent(ScheduleLabel.of(run), this::registerSchedule).record(finished);
  }

  private ScheduleState registerSchedule(String schedule) {
    ScheduleState state = new ScheduleState();
    Gauge.builder("pval.last.run.success", state, s -> s.lastRunSucceeded() ? 1 : 0)
        .description("1 if the schedule's latest finished run succeeded, 0 if it failed")
        .tag("schedule", schedule)
        .strongReference(true)
        .register(registry);
    // Registered at the first success only: no success yet is an absent series, not a zero time.
    state.onFirstSuccess(
        () ->
            Gauge.builder("pval.last.success.timestamp", state, ScheduleState::lastSuccessSeconds)
                .description(
                    "Completion time of the schedule's latest successful run, in Unix seconds")
                .baseUnit("seconds")
                .tag("schedule", schedule)
                .strongReference(true)
                .register(registry));
    return state;
  }

  private Counter runs(Phase result) {
    return Counter.builder("pval.runs")
        .description("Finished runs by result")
        .tag("result", result.name())
        .register(registry);
  }

  private Counter scenarioOutcomes(ScenarioName scenario, Outcome outcome, Reason reason) {
    return Counter.builder("pval.scenario.outcomes")
        .description("Scenarios that passed or failed, by failure reason")
        .tags(
            "scenario",
            scenario.wireName(),
            "outcome",
            outcome.name(),
            "reason",
            reason == null ? NONE : reason.name())
        .register(registry);
  }

  private Counter notes(ScenarioName scenario, Reason reason) {
    return Counter.builder("pval.scenario.notes")
        .description("Notes scenarios recorded: findings that do not fail them, by reason")
        .tags("scenario", scenario.wireName(), "reason", reason.name())
        .register(registry);
  }

  private static double countActive(
      AtomicReference<IndexerResourceCache<ProvisioningValidation>> runs) {
    IndexerResourceCache<ProvisioningValidation> cache = runs.get();
    return cache == null
        ? 0
        : cache
            .list()
            .filter(
                r ->
                    r.getStatus() == null
                        || r.getStatus().getPhase() == null
                        || !r.getStatus().getPhase().isTerminal())
            .count();
  }

  record FinishedRun(Instant completion, boolean succeeded, int leakedBuckets) {
    static FinishedRun later(FinishedRun current, FinishedRun candidate) {
      return current == null || candidate.completion().isAfter(current.completion())
          ? candidate
          : current;
    }
  }

  /** The latest run and the latest success of one schedule. */
  private static final class ScheduleState {
    private FinishedRun lastRun;
    private Instant lastSuccess;
    private Runnable onFirstSuccess = () -> {};

    synchronized void onFirstSuccess(Runnable action) {
      onFirstSuccess = action;
    }

    void record(FinishedRun run) {
      Runnable firstSuccess = null;
      synchronized (this) {
        lastRun = FinishedRun.later(lastRun, run);
        if (run.succeeded() && (lastSuccess == null || run.completion().isAfter(lastSuccess))) {
          if (lastSuccess == null) {
            firstSuccess = onFirstSuccess;
          }
          lastSuccess = run.completion();
        }
      }
      if (firstSuccess != null) {
        firstSuccess.run();
      }
    }

    synchronized boolean lastRunSucceeded() {
      return lastRun != null && lastRun.succeeded();
    }

    synchronized double lastSuccessSeconds() {
      return lastSuccess == null ? Double.NaN : lastSuccess.toEpochMilli() / 1000.0;
    }
  }
}
