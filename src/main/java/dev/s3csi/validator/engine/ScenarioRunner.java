package dev.s3csi.validator.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.s3csi.validator.api.KeepResources;
import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.kube.ApiRequestException;
import dev.s3csi.validator.s3.S3UnavailableException;

/**
 * Advances one scenario as far as the observed state allows, recording each step's outcome and
 * duration in the scenario's status. Level-triggered: it derives where it is from the status alone,
 * so it resumes after an operator restart exactly where it stopped.
 */
public final class ScenarioRunner {
  /** How soon to retry a step whose S3 request failed (S3 down, throttled, 5xx). */
  static final Duration S3_RETRY = Duration.ofSeconds(1);

  /**
   * How soon to retry a step whose write the API server refused for now (conflict, throttling,
   * 5xx).
   */
  static final Duration API_RETRY = Duration.ofMillis(200);

  /**
   * Creates the scenario's status with every step listed as Pending: the plan, visible up front.
   */
  public static ScenarioStatus plan(Scenario scenario) {
    List<StepStatus> steps = new ArrayList<>();
    scenario.steps().forEach(s -> steps.add(new StepStatus(s.name())));
    scenario.cleanupSteps().forEach(s -> steps.add(new StepStatus(s.name())));
    return new ScenarioStatus(scenario.name(), steps);
  }

  /**
   * Runs the scenario's current step. A step that concludes (passes or fails) ends the call with a
   * request to come back at once: its conclusion must be persisted before the next step acts,
   * because the next step may destroy what the conclusion rests on (cleanup deletes the probe pod
   * whose result the probe step read). A restart then never finds a step's action done and its
   * evidence gone while the status still says the step is running.
   *
   * @param runDeadline when the whole run times out; main steps still waiting then fail
   * @return when the scenario wants to be looked at again at the latest (now, after a step
   *     concluded), empty once it is complete
   */
  public Optional<Instant> advance(Scenario scenario, ScenarioContext ctx, Instant runDeadline) {
    ScenarioStatus status = ctx.status();
    if (status.getOutcome() == Outcome.Pending) {
      status.setOutcome(Outcome.Running);
    }
    List<Step> main = scenario.steps();
    List<Step> all = new ArrayList<>(main);
    all.addAll(scenario.cleanupSteps());
    Map<String, StepStatus> records = new HashMap<>();
    status.getSteps().forEach(r -> records.put(r.getName(), r));
    if (!records.keySet().equals(all.stream().map(Step::name).collect(Collectors.toSet()))) {
      planChanged(status, all);
      return Optional.empty();
    }
    boolean concluded = false;
    for (int i = 0; i < all.size(); i++) {
      StepStatus record = records.get(all.get(i).name());
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
      if (concluded) {
        return Optional.of(ctx.now());
      }
      Optional<Instant> wakeUp = attempt(all.get(i), record, ctx, cleanup ? null : runDeadline);
      if (wakeUp.isPresent()) {
        return wakeUp;
      }
      concluded = true;
    }
    if (status.getOutcome() == Outcome.Running) {
      status.setOutcome(Outcome.Passed);
      String mode = status.getMode() == null ? "" : " in " + status.getMode() + " mode";
      status.setMessage("all " + main.size() + " steps passed" + mode + "; cleanup complete");
    }
    return Optional.empty();
  }

  /**
   * The steps stored in the run's status are not the scenario's steps any more (an operator of
   * another version planned the run): resuming would attribute one step's record to another. The
   * scenario fails, saying so; what it created goes when the run is deleted.
   */
  private static void planChanged(ScenarioStatus status, List<Step> steps) {
    String stored = status.getSteps().stream().map(StepStatus::getName).toList().toString();
    String now = steps.stream().map(Step::name).toList().toString();
    for (StepStatus record : status.getSteps()) {
      if (!record.getOutcome().isFinished()) {
        record.setOutcome(Outcome.Skipped);
        record.setMessage("skipped: the scenario's steps changed since the run started");
      }
    }
    if (status.getOutcome() != Outcome.Failed) {
      status.setOutcome(Outcome.Failed);
      status.setReason(Reason.PlanChanged);
      status.setMessage(
          "this operator's steps for "
              + status.getName()
              + " are "
              + now
              + ", the run was planned with "
              + stored
              + " (an operator of another version started it): it cannot resume; delete the run"
              + " to clean up what it created");
    }
  }

  /** Runs one step once; returns when to come back if it is still waiting. */
  private Optional<Instant> attempt(
      Step step, StepStatus record, ScenarioContext ctx, Instant runDeadline) {
    Instant now = ctx.now();
    if (record.getOutcome() == Outcome.Pending) {
      record.setOutcome(Outcome.Running);
      record.setStartTime(timestamp(now));
    }
    Instant started = Instant.parse(record.getStartTime());
    Guarded guarded = runGuarded(step, ctx);
    StepResult result = guarded.result();
    if (result instanceof StepResult.Waiting waiting) {
      Duration timeout = step.deadline().timeout(ctx.spec().timeouts());
      Instant deadline = started.plus(timeout);
      if (runDeadline != null && runDeadline.isBefore(deadline)) {
        if (!now.isBefore(runDeadline)) {
          result =
              StepResult.failed(
                  Reason.RunTimeout, "the run's deadline passed while " + waiting.awaiting());
        } else {
          deadline = runDeadline;
        }
      }
      if (result instanceof StepResult.Waiting) {
        if (!now.isBefore(deadline)) {
          result =
              guarded.retrying() == null
                  ? timedOutGuarded(step, ctx, waiting, timeout)
                  : StepResult.failed(
                      Reason.RequestRefused,
                      "the API server still refused to "
                          + guarded.retrying().request()
                          + " when the step's deadline passed: "
                          + guarded.retrying().answer());
        } else {
          record.setMessage(waiting.awaiting());
          Instant next =
              waiting.recheckAfter() == null ? deadline : now.plus(waiting.recheckAfter());
          return Optional.of(next.isBefore(deadline) ? next : deadline);
        }
      }
    }
    record.setDurationMillis(Duration.between(started, now).toMillis());
    if (result instanceof StepResult.Failed failed) {
      result = attributeToS3(ctx, failed);
    }
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

  /**
   * One attempt's result, and the API request the step is retrying if the API server turned it down
   * for now: at the step's deadline that refusal, not the step's own reason, is the verdict.
   */
  private record Guarded(StepResult result, ApiRequestException retrying) {}

  /**
   * Runs the step, turning what S3 and the API server refused into a result: a refusal that may
   * pass (S3 down, a conflict, throttling, a server error) into waiting, bounded by the step's
   * deadline; one that will not (quota, admission, RBAC, an invalid object) into the scenario's
   * failure, at once. Anything else escapes to the reconciler's error handling.
   */
  private static Guarded runGuarded(Step step, ScenarioContext ctx) {
    try {
      return new Guarded(step.run(ctx), null);
    } catch (S3UnavailableException e) {
      // S3 trouble is a reason to wait, not to conclude: the step's deadline decides.
      ctx.addEvidence("S3 error during " + step.name() + ": " + e.getMessage());
      return new Guarded(
          StepResult.polling("retrying after S3 error (" + e.getMessage() + ")", S3_RETRY), null);
    } catch (ApiRequestException e) {
      if (!e.isTransient()) {
        return new Guarded(refused(e), null);
      }
      // The API server may take the request later; the step's deadline bounds how much later.
      return new Guarded(StepResult.polling("retrying: " + e.getMessage(), API_RETRY), e);
    }
  }

  /** The step's own verdict at its deadline; its last look at the API server may be refused too. */
  private static StepResult timedOutGuarded(
      Step step, ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    try {
      return step.timedOut(ctx, last, timeout);
    } catch (ApiRequestException e) {
      if (!e.isTransient()) {
        return refused(e);
      }
      StepResult.Failed failed = Step.stillWaiting(step, last, timeout);
      return StepResult.failed(
          failed.reason(),
          failed.message() + " (a last look at the API server failed: " + e.getMessage() + ")");
    }
  }

  /** A request the API server will not take, quoted: the scenario's verdict. */
  private static StepResult refused(ApiRequestException e) {
    return StepResult.failed(
        Reason.RequestRefused, "the API server refused to " + e.request() + ": " + e.answer());
  }

  /**
   * A step that fails while S3 does not answer the validator failed because of S3, whatever it
   * observed (a volume that never bound, a probe that could not write): say so, and keep what it
   * observed in the message.
   */
  private static StepResult attributeToS3(ScenarioContext ctx, StepResult.Failed failed) {
    if (failed.reason() == Reason.S3Unavailable || ctx.s3() == null) {
      return failed;
    }
    return ctx.s3()
        .unreachable()
        .<StepResult>map(
            error ->
                StepResult.failed(
                    Reason.S3Unavailable,
                    failed.message() + "; S3 did not answer the validator either (" + error + ")"))
        .orElse(failed);
  }

  /**
   * The first failure names the scenario's reason; later ones (during cleanup) only add evidence.
   */
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

  private static Optional<String> skipReason(
      ScenarioStatus status, boolean cleanup, KeepResources keep) {
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
