package dev.s3csi.validator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.KeepResources;
import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.s3.S3UnavailableException;

/**
 * Advances one scenario as far as the observed state allows, recording each step's outcome and
 * duration in the scenario's status. Level-triggered: it derives where it is from the status alone,
 * so it resumes after an operator restart exactly where it stopped.
 */
public final class ScenarioRunner {
  /** How soon to retry a step whose S3 request failed (S3 down, throttled, 5xx). */
  static final Duration S3_RETRY = Duration.ofSeconds(1);

  /** Creates the scenario's status with every step listed as Pending: the plan, visible up front. */
  public static ScenarioStatus plan(Scenario scenario) {
    List<StepStatus> steps = new ArrayList<>();
    scenario.steps().forEach(s -> steps.add(new StepStatus(s.name())));
    scenario.cleanupSteps().forEach(s -> steps.add(new StepStatus(s.name())));
    return new ScenarioStatus(scenario.name(), steps);
  }

  /**
   * Runs the scenario's current step, and the ones after it while they pass.
   *
   * @param runDeadline when the whole run times out; main steps still waiting then fail
   * @return when the scenario wants to be looked at again at the latest, empty once it is complete
   */
  public Optional<Instant> advance(Scenario scenario, ScenarioContext ctx, Instant runDeadline) {
    ScenarioStatus status = ctx.status();
    if (status.getOutcome() == Outcome.Pending) {
      status.setOutcome(Outcome.Running);
    }
    List<Step> main = scenario.steps();
    List<Step> all = new ArrayList<>(main);
    all.addAll(scenario.cleanupSteps());
    for (int i = 0; i < all.size(); i++) {
      StepStatus record = status.getSteps().get(i);
      if (record.getOutcome().isFinished()) {
        continue;
      }
      boolean cleanup = i >= main.size();
      Optional<String> skip = skipReason(status, cleanup, ctx.spec().keepResources());
      if (skip.isPresent()) {
        record.setOutcome(Outcome.Skipped);
        record.setMessage(skip.get());
        continue;
      }
      Optional<Instant> wakeUp = attempt(all.get(i), record, ctx, cleanup ? null : runDeadline);
      if (wakeUp.isPresent()) {
        return wakeUp;
      }
    }
    if (status.getOutcome() == Outcome.Running) {
      status.setOutcome(Outcome.Passed);
      String mode = status.getMode() == null ? "" : " in " + status.getMode() + " mode";
      status.setMessage("all " + main.size() + " steps passed" + mode + "; cleanup complete");
    }
    return Optional.empty();
  }

  /** Runs one step once; returns when to come back if it is still waiting. */
  private Optional<Instant> attempt(Step step, StepStatus record, ScenarioContext ctx, Instant runDeadline) {
    Instant now = ctx.now();
    if (record.getOutcome() == Outcome.Pending) {
      record.setOutcome(Outcome.Running);
      record.setStartTime(timestamp(now));
    }
    Instant started = Instant.parse(record.getStartTime());
    StepResult result = runGuarded(step, ctx);
    if (result instanceof StepResult.Waiting waiting) {
      Duration timeout = step.timeout(ctx.spec().timeouts());
      Instant deadline = started.plus(timeout);
      if (runDeadline != null && runDeadline.isBefore(deadline)) {
        if (!now.isBefore(runDeadline)) {
          result = StepResult.failed(Reason.RunTimeout,
              "the run's deadline passed while " + waiting.awaiting());
        } else {
          deadline = runDeadline;
        }
      }
      if (result instanceof StepResult.Waiting) {
        if (!now.isBefore(deadline)) {
          result = step.timedOut(ctx, waiting, timeout);
        } else {
          record.setMessage(waiting.awaiting());
          Instant next = waiting.recheckAfter() == null ? deadline : now.plus(waiting.recheckAfter());
          return Optional.of(next.isBefore(deadline) ? next : deadline);
        }
      }
    }
    record.setDurationMillis(Duration.between(started, now).toMillis());
    if (result instanceof StepResult.Passed passed) {
      record.setOutcome(Outcome.Passed);
      record.setMessage(passed.message());
    } else if (result instanceof StepResult.Failed failed) {
      record.setOutcome(Outcome.Failed);
      record.setMessage(failed.message());
      fail(ctx, step, failed);
    }
    return Optional.empty();
  }

  private static StepResult runGuarded(Step step, ScenarioContext ctx) {
    try {
      return step.run(ctx);
    } catch (S3UnavailableException e) {
      // S3 trouble is a reason to wait, not to conclude: the step's deadline decides.
      ctx.addEvidence("S3 error during " + step.name() + ": " + e.getMessage());
      return StepResult.polling("retrying after S3 error (" + e.getMessage() + ")", S3_RETRY);
    }
  }

  /** The first failure names the scenario's reason; later ones (during cleanup) only add evidence. */
  private static void fail(ScenarioContext ctx, Step step, StepResult.Failed failed) {
    ScenarioStatus status = ctx.status();
    WarningEvents.collect(ctx).forEach(ctx::addEvidence);
    if (status.getOutcome() != Outcome.Failed) {
      status.setOutcome(Outcome.Failed);
      status.setReason(failed.reason());
      status.setMessage(step.name() + ": " + failed.message());
    } else {
      ctx.addEvidence(step.name() + ": " + failed.message());
    }
  }

  private static Optional<String> skipReason(ScenarioStatus status, boolean cleanup, KeepResources keep) {
    boolean failed = status.getOutcome() == Outcome.Failed;
    if (!cleanup) {
      return failed ? Optional.of("skipped: an earlier step failed") : Optional.empty();
    }
    if (keep == KeepResources.Always || (keep == KeepResources.OnFailure && failed)) {
      return Optional.of("skipped: keepResources=" + keep + " keeps the objects for inspection");
    }
    return Optional.empty();
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
