package dev.s3csi.validator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.s3csi.validator.api.KeepResources;
import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.kube.ApiRequestException;
import dev.s3csi.validator.kube.FakeClusterView;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3UnavailableException;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioRunnerTest {
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  static final Instant FAR = T0.plus(Duration.ofHours(1));

  /** Every scripted step's deadline: timeouts.bind. */
  static final String STEP_TIMEOUT = "10s";

  final ScenarioRunner runner = new ScenarioRunner();

  static ScenarioContext context(ScenarioStatus status, Instant now, KeepResources keep) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid("00000000-0000-0000-0000-0000000000aa");
    ValidationSpec spec = new ValidationSpec();
    spec.setKeepResources(keep);
    Timeouts timeouts = new Timeouts();
    timeouts.setBind(STEP_TIMEOUT);
    spec.setTimeouts(timeouts);
    EffectiveSpec effective = new SpecDefaults("image").apply(spec, "ns");
    return new ScenarioContext(run, effective, status, new FakeClusterView(), null, null, now);
  }

  static StepResult passed() {
    return StepResult.passed("ok");
  }

  static List<Outcome> outcomes(ScenarioStatus status) {
    return status.getSteps().stream().map(StepStatus::getOutcome).toList();
  }

  /**
   * Advances as the reconciler does: again at once (after persisting) while the runner asks for
   * that.
   */
  Optional<Instant> settle(Scenario scenario, ScenarioContext ctx, Instant runDeadline) {
    Optional<Instant> wakeUp;
    do {
      wakeUp = runner.advance(scenario, ctx, runDeadline);
    } while (wakeUp.isPresent() && wakeUp.get().equals(ctx.now()));
    return wakeUp;
  }

  @Test
  void aConcludedStepIsReturnedForPersistingBeforeTheNextStepActs() {
    ScriptedStep second = new ScriptedStep("b", passed());
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("a", passed()), second),
            List.of(new ScriptedStep("clean", passed())));
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    Optional<Instant> wakeUp =
        runner.advance(scenario, context(status, T0, KeepResources.Never), FAR);

    assertThat(wakeUp).contains(T0);
    assertThat(outcomes(status)).containsExactly(Outcome.Passed, Outcome.Pending, Outcome.Pending);
    assertThat(second.calls()).isZero();
  }

  @Test
  void passingStepsRunOneAfterTheOtherAndTheScenarioPassesAfterCleanup() {
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("a", passed()), new ScriptedStep("b", passed())),
            List.of(new ScriptedStep("clean", passed())));
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    Optional<Instant> wakeUp = settle(scenario, context(status, T0, KeepResources.Never), FAR);

    assertThat(wakeUp).isEmpty();
    assertThat(outcomes(status)).containsExactly(Outcome.Passed, Outcome.Passed, Outcome.Passed);
    assertThat(status.getOutcome()).isEqualTo(Outcome.Passed);
    assertThat(status.getSteps()).allSatisfy(s -> assertThat(s.getDurationMillis()).isZero());
  }

  @Test
  void waitingStepResumesFromStatusAndRecordsItsDurationFromTheFirstAttempt() {
    ScriptedStep bind =
        new ScriptedStep("bind", StepResult.awaiting("waiting for PVC x to be Bound"), passed());
    var scenario = new ScriptedScenario(List.of(new ScriptedStep("sc", passed()), bind), List.of());
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    Optional<Instant> first = settle(scenario, context(status, T0, KeepResources.Never), FAR);
    assertThat(first).contains(T0.plusSeconds(10));
    assertThat(status.getSteps().get(1).getOutcome()).isEqualTo(Outcome.Running);
    assertThat(status.getSteps().get(1).getMessage()).isEqualTo("waiting for PVC x to be Bound");

    Optional<Instant> second =
        settle(scenario, context(status, T0.plusMillis(1500), KeepResources.Never), FAR);
    assertThat(second).isEmpty();
    assertThat(status.getSteps().get(1).getDurationMillis()).isEqualTo(1500);
    assertThat(status.getSteps().get(0).getOutcome()).isEqualTo(Outcome.Passed);
    assertThat(bind.calls()).isEqualTo(2);
  }

  @Test
  void pollingStepWakesUpAtItsRecheckIntervalBeforeTheDeadline() {
    var scenario =
        new ScriptedScenario(
            List.of(
                new ScriptedStep(
                    "objects", StepResult.polling("waiting for object", Duration.ofMillis(250)))),
            List.of());
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    assertThat(runner.advance(scenario, context(status, T0, KeepResources.Never), FAR))
        .contains(T0.plusMillis(250));
  }

  @Test
  void deadlineTurnsWaitingIntoTheStepsTimeoutFailureThenCleanupRuns() {
    ScriptedStep cleanup = new ScriptedStep("clean", passed());
    var scenario =
        new ScriptedScenario(
            List.of(
                new ScriptedStep("bind", StepResult.awaiting("waiting for PVC x")),
                new ScriptedStep("probe", passed())),
            List.of(cleanup));
    ScenarioStatus status = ScenarioRunner.plan(scenario);
    runner.advance(scenario, context(status, T0, KeepResources.Never), FAR);

    Optional<Instant> wakeUp =
        settle(scenario, context(status, T0.plusSeconds(10), KeepResources.Never), FAR);

    assertThat(wakeUp).isEmpty();
    assertThat(outcomes(status)).containsExactly(Outcome.Failed, Outcome.Skipped, Outcome.Passed);
    assertThat(status.getOutcome()).isEqualTo(Outcome.Failed);
    assertThat(status.getReason()).isEqualTo(Reason.ProvisioningTimeout);
    assertThat(status.getMessage()).isEqualTo("bind: still waiting for PVC x after 10s");
    assertThat(status.getSteps().get(0).getDurationMillis()).isEqualTo(10_000);
    assertThat(cleanup.calls()).isEqualTo(1);
  }

  @Test
  void failedStepNamesTheReasonAndLaterCleanupFailuresOnlyAddEvidence() {
    var scenario =
        new ScriptedScenario(
            List.of(
                new ScriptedStep(
                    "verifyObjects", StepResult.failed(Reason.DataMismatch, "object b/k differs"))),
            List.of(
                new ScriptedStep(
                    "volumeReleased", StepResult.failed(Reason.DeletionTimeout, "PV p stayed")),
                new ScriptedStep("deleteStorageClass", passed())));
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    settle(scenario, context(status, T0, KeepResources.Never), FAR);

    assertThat(status.getReason()).isEqualTo(Reason.DataMismatch);
    assertThat(status.getMessage()).isEqualTo("verifyObjects: object b/k differs");
    assertThat(outcomes(status)).containsExactly(Outcome.Failed, Outcome.Failed, Outcome.Passed);
    assertThat(status.getEvidence()).contains("volumeReleased: PV p stayed");
  }

  @Test
  void cleanupFailureOfAPassingScenarioFailsIt() {
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("probe", passed())),
            List.of(
                new ScriptedStep(
                    "bucketCleanup", StepResult.failed(Reason.CleanupFailed, "bucket b stayed"))));
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    settle(scenario, context(status, T0, KeepResources.Never), FAR);

    assertThat(status.getOutcome()).isEqualTo(Outcome.Failed);
    assertThat(status.getReason()).isEqualTo(Reason.CleanupFailed);
  }

  @ParameterizedTest(name = "keepResources={0}, failing={1}: cleanup {2}")
  @CsvSource({
    "Never,     false, Passed",
    "Never,     true,  Passed",
    "OnFailure, false, Passed",
    "OnFailure, true,  Skipped",
    "Always,    false, Skipped",
    "Always,    true,  Skipped",
  })
  void keepResourcesDecidesWhetherCleanupRuns(
      KeepResources keep, boolean failing, Outcome cleanupOutcome) {
    StepResult main = failing ? StepResult.failed(Reason.ProbeFailed, "exit 1") : passed();
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("probe", main)), List.of(new ScriptedStep("clean", passed())));
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    settle(scenario, context(status, T0, keep), FAR);

    assertThat(status.getSteps().get(1).getOutcome()).isEqualTo(cleanupOutcome);
    if (cleanupOutcome == Outcome.Skipped) {
      assertThat(status.getSteps().get(1).getMessage()).contains("keepResources=" + keep);
    }
  }

  @Test
  void s3ErrorsAreRetriedUntilTheStepsDeadline() {
    ScriptedStep head =
        new ScriptedStep(
            "bucketExists", new S3UnavailableException("HeadBucket b: HTTP 503", null), passed());
    var scenario = new ScriptedScenario(List.of(head), List.of());
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    Optional<Instant> retry =
        runner.advance(scenario, context(status, T0, KeepResources.Never), FAR);
    assertThat(retry).contains(T0.plus(ScenarioRunner.S3_RETRY));
    assertThat(status.getSteps().get(0).getMessage()).contains("HTTP 503");
    assertThat(status.getEvidence())
        .anySatisfy(e -> assertThat(e).contains("S3 error during bucketExists"));

    settle(scenario, context(status, T0.plusSeconds(1), KeepResources.Never), FAR);
    assertThat(status.getOutcome()).isEqualTo(Outcome.Passed);
  }

  @Test
  void aStepThatFailsWhileS3DoesNotAnswerIsAttributedToS3() {
    var scenario =
        new ScriptedScenario(
            List.of(
                new ScriptedStep(
                    "probe", StepResult.failed(Reason.ProbeFailed, "could not write f0"))),
            List.of());
    ScenarioStatus status = ScenarioRunner.plan(scenario);
    ScenarioContext base = context(status, T0, KeepResources.Never);
    S3Checks down =
        new S3Checks(
            () -> {
              throw new IllegalStateException("connection refused");
            });
    ScenarioContext ctx =
        new ScenarioContext(base.run(), base.spec(), status, base.cluster(), null, down, T0);

    runner.advance(scenario, ctx, FAR);

    assertThat(status.getReason()).isEqualTo(Reason.S3Unavailable);
    assertThat(status.getMessage())
        .isEqualTo(
            "probe: could not write f0; S3 did not answer the validator either"
                + " (no S3 client: connection refused)");
  }

  @Test
  void runDeadlineCutsAWaitingStepShortWithRunTimeout() {
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("bind", StepResult.awaiting("waiting for PVC x"))), List.of());
    ScenarioStatus status = ScenarioRunner.plan(scenario);
    Instant runDeadline = T0.plusSeconds(3);

    assertThat(runner.advance(scenario, context(status, T0, KeepResources.Never), runDeadline))
        .contains(runDeadline);
    runner.advance(scenario, context(status, runDeadline, KeepResources.Never), runDeadline);

    assertThat(status.getReason()).isEqualTo(Reason.RunTimeout);
    assertThat(status.getMessage())
        .isEqualTo("bind: the run's deadline passed while waiting for PVC x");
  }

  /** What the API server answers when a request is refused: a Status with its code and words. */
  static ApiRequestException refusal(int code, String message) {
    return new ApiRequestException(
        "create",
        "PersistentVolumeClaim ns/run-claim",
        new KubernetesClientException(
            new StatusBuilder().withCode(code).withMessage(message).build()));
  }

  @Test
  void aRequestTheApiServerRefusesFailsTheScenarioAtOnceQuotingRequestAndAnswer() {
    String quota =
        "persistentvolumeclaims \"run-claim\" is forbidden: exceeded quota: no-claims,"
            + " requested: persistentvolumeclaims=1, used: persistentvolumeclaims=0,"
            + " limited: persistentvolumeclaims=0";
    ScriptedStep bind = new ScriptedStep("bind", refusal(403, quota));
    ScriptedStep cleanup = new ScriptedStep("deleteClaim", passed());
    var scenario = new ScriptedScenario(List.of(bind), List.of(cleanup));
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    Optional<Instant> wakeUp = settle(scenario, context(status, T0, KeepResources.Never), FAR);

    assertThat(wakeUp).isEmpty();
    assertThat(bind.calls()).as("a refusal is not retried").isOne();
    assertThat(status.getOutcome()).isEqualTo(Outcome.Failed);
    assertThat(status.getReason()).isEqualTo(Reason.RequestRefused);
    assertThat(status.getMessage())
        .isEqualTo(
            "bind: the API server refused to create PersistentVolumeClaim ns/run-claim: 403 "
                + quota);
    assertThat(cleanup.calls()).as("cleanup still runs").isOne();
  }

  @ParameterizedTest
  @CsvSource({"409", "429", "503", "0"})
  void aRequestRefusedForNowIsRetriedAndAtTheStepsDeadlineIsTheVerdict(int code) {
    ScriptedStep bind = new ScriptedStep("bind", refusal(code, "try again later"));
    var scenario = new ScriptedScenario(List.of(bind), List.of());
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    Optional<Instant> retry =
        runner.advance(scenario, context(status, T0, KeepResources.Never), FAR);
    assertThat(retry).contains(T0.plus(ScenarioRunner.API_RETRY));
    assertThat(status.getOutcome()).isEqualTo(Outcome.Running);
    runner.advance(scenario, context(status, T0.plusSeconds(10), KeepResources.Never), FAR);

    assertThat(status.getReason()).isEqualTo(Reason.RequestRefused);
    assertThat(status.getMessage())
        .startsWith(
            "bind: the API server still refused to create PersistentVolumeClaim ns/run-claim"
                + " when the step's deadline passed: ")
        .contains("try again later");
  }

  @Test
  void aRequestRefusedForNowAtTheRunsDeadlineEndsTheRun() {
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("bind", refusal(503, "etcdserver: request timed out"))),
            List.of());
    ScenarioStatus status = ScenarioRunner.plan(scenario);
    Instant runDeadline = T0.plusSeconds(3);

    runner.advance(scenario, context(status, T0, KeepResources.Never), runDeadline);
    runner.advance(scenario, context(status, runDeadline, KeepResources.Never), runDeadline);

    assertThat(status.getReason()).isEqualTo(Reason.RunTimeout);
    assertThat(status.getMessage()).contains("503 etcdserver: request timed out");
  }

  @Test
  void aLastLookTheApiServerRefusesAtTheDeadlineIsTheVerdict() {
    Step lastLook =
        new Step() {
          @Override
          public String name() {
            return "volumeReleased";
          }

          @Override
          public StepResult run(ScenarioContext ctx) {
            return StepResult.awaiting("waiting for PV pv-1 to go");
          }

          @Override
          public Deadline deadline() {
            return Deadline.bind(Reason.DeletionTimeout);
          }

          @Override
          public StepResult timedOut(
              ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
            throw new ApiRequestException(
                "get",
                "PersistentVolume pv-1",
                new KubernetesClientException(
                    new StatusBuilder()
                        .withCode(403)
                        .withMessage(
                            "persistentvolumes \"pv-1\" is forbidden: User cannot get resource")
                        .build()));
          }
        };
    var scenario = new ScriptedScenario(List.of(lastLook), List.of());
    ScenarioStatus status = ScenarioRunner.plan(scenario);

    runner.advance(scenario, context(status, T0, KeepResources.Never), FAR);
    runner.advance(scenario, context(status, T0.plusSeconds(10), KeepResources.Never), FAR);

    assertThat(status.getReason()).isEqualTo(Reason.RequestRefused);
    assertThat(status.getMessage())
        .isEqualTo(
            "volumeReleased: the API server refused to get PersistentVolume pv-1: 403"
                + " persistentvolumes \"pv-1\" is forbidden: User cannot get resource");
  }

  @Test
  void aRunPlannedWithOtherStepsFailsWithPlanChangedInsteadOfMisattributingRecords() {
    var planned =
        new ScriptedScenario(
            List.of(new ScriptedStep("a", passed()), new ScriptedStep("b", passed())),
            List.of(new ScriptedStep("clean", passed())));
    ScenarioStatus status = ScenarioRunner.plan(planned);
    runner.advance(planned, context(status, T0, KeepResources.Never), FAR);
    assertThat(outcomes(status)).containsExactly(Outcome.Passed, Outcome.Pending, Outcome.Pending);
    ScriptedStep renamed = new ScriptedStep("c", passed());
    var upgraded =
        new ScriptedScenario(
            List.of(new ScriptedStep("a", passed()), renamed),
            List.of(new ScriptedStep("clean", passed())));

    Optional<Instant> wakeUp =
        runner.advance(upgraded, context(status, T0.plusSeconds(1), KeepResources.Never), FAR);

    assertThat(wakeUp).isEmpty();
    assertThat(renamed.calls()).isZero();
    assertThat(status.getOutcome()).isEqualTo(Outcome.Failed);
    assertThat(status.getReason()).isEqualTo(Reason.PlanChanged);
    assertThat(status.getMessage())
        .contains("are [a, c, clean], the run was planned with [a, b, clean]");
    assertThat(outcomes(status)).containsExactly(Outcome.Passed, Outcome.Skipped, Outcome.Skipped);
  }
}
