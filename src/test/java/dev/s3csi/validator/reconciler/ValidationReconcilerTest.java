package dev.s3csi.validator.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.ScenarioRunner;
import dev.s3csi.validator.engine.ScriptedScenario;
import dev.s3csi.validator.engine.ScriptedStep;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.events.RunEventRecorder;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.harness.SandboxRuns;
import dev.s3csi.validator.lifecycle.RunCleaner;
import dev.s3csi.validator.observe.RunObserver;
import dev.s3csi.validator.observe.Transition;
import dev.s3csi.validator.s3.S3Sessions;
import dev.s3csi.validator.sandbox.SandboxOptions;
import dev.s3csi.validator.spec.SpecDefaults;
import dev.s3csi.validator.status.Conditions;
import dev.s3csi.validator.status.RunStatusAggregator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.Cloner;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The reconciler called directly, one reconciliation at a time, with a mocked JOSDK Context: its
 * client is the sandbox's API server (which stores what the reconciler writes, as a real one
 * would), its informers are empty and its scenarios are scripted. What each test asserts is what
 * the reconciler wrote, and what it asked JOSDK to do next; the end-to-end tests cover the rest.
 */
class ValidationReconcilerTest {
  static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static Sandbox sandbox;
  static S3Sessions s3Sessions;

  /** Every status the reconciler persisted, as the observers are told of them. */
  final List<ValidationStatus> persisted = new ArrayList<>();

  final RunObserver recorder =
      new RunObserver() {
        @Override
        public void persisted(
            ProvisioningValidation run, ValidationStatus status, List<Transition> transitions) {
          persisted.add(status);
        }
      };

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    s3Sessions = new S3Sessions(sandbox.client());
  }

  @AfterAll
  static void stop() {
    s3Sessions.close();
    sandbox.close();
  }

  static final StepResult PASSES = StepResult.passed("done");

  ValidationReconciler reconciler(Scenario scenario, int maxConcurrentRuns) {
    KubernetesClient client = sandbox.client();
    return new ValidationReconciler(
        CLOCK,
        new SpecDefaults("image"),
        s3Sessions,
        recorder,
        new RunEventRecorder(client, CLOCK, "test"),
        new OperatorSettings(Set.of(), "image", maxConcurrentRuns),
        (name, spec) -> scenario);
  }

  /** A run as the API server stores it: a name, a UID, a resource version. */
  static ProvisioningValidation created(String name) {
    return sandbox.client().resource(SandboxRuns.passing(sandbox, name)).create();
  }

  static ProvisioningValidation stored(ProvisioningValidation run) {
    return sandbox.client().resource(run).get();
  }

  /**
   * A JOSDK context whose informers are empty, whose cache of runs holds {@code runs}, over the
   * sandbox's client.
   */
  @SuppressWarnings("unchecked")
  static Context<ProvisioningValidation> context(ProvisioningValidation... runs) {
    Context<ProvisioningValidation> context = mock(Context.class);
    when(context.getClient()).thenReturn(sandbox.client());
    IndexedResourceCache<ProvisioningValidation> cache = mock(IndexedResourceCache.class);
    when(cache.list()).thenAnswer(call -> Stream.of(runs));
    when(context.getPrimaryCache()).thenReturn(cache);
    EventSourceRetriever<ProvisioningValidation> retriever = mock(EventSourceRetriever.class);
    when(context.eventSourceRetriever()).thenReturn(retriever);
    ControllerEventSource<ProvisioningValidation> controller = mock(ControllerEventSource.class);
    when(controller.isRunning()).thenReturn(true);
    when(retriever.getControllerEventSource()).thenReturn(controller);
    InformerEventSource<HasMetadata, ProvisioningValidation> empty =
        mock(InformerEventSource.class);
    when(empty.isRunning()).thenReturn(true);
    when(empty.get(any())).thenReturn(Optional.empty());
    when(empty.list()).thenAnswer(call -> Stream.empty());
    when(empty.list(ArgumentMatchers.<Predicate<HasMetadata>>any()))
        .thenAnswer(call -> Stream.empty());
    when(empty.list(anyString(), ArgumentMatchers.<Predicate<HasMetadata>>any()))
        .thenAnswer(call -> Stream.empty());
    doReturn(empty).when(retriever).getEventSourceFor(any(), anyString());
    ControllerConfiguration<ProvisioningValidation> configuration =
        mock(ControllerConfiguration.class);
    ConfigurationService service = mock(ConfigurationService.class);
    when(context.getControllerConfiguration()).thenReturn(configuration);
    when(configuration.getConfigurationService()).thenReturn(service);
    when(service.getResourceCloner())
        .thenReturn(
            new Cloner() {
              @Override
              public <R extends HasMetadata> R clone(R object) {
                return sandbox.client().getKubernetesSerialization().clone(object);
              }
            });
    return context;
  }

  static List<Outcome> outcomes(ValidationStatus status) {
    return status.getScenarios().get(0).getSteps().stream().map(StepStatus::getOutcome).toList();
  }

  @Test
  void eachConcludedStepIsStoredBeforeTheNextActsAndTheRunCompletesInOneReconciliation() {
    ProvisioningValidation run = created("steps-conclude");
    List<ValidationStatus> storedWhenSecondActed = new ArrayList<>();
    ScriptedStep second =
        ScriptedStep.answering(
            "second",
            ctx -> {
              storedWhenSecondActed.add(stored(ctx.run()).getStatus());
              return StepResult.passed("done");
            });
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("first", PASSES), second),
            List.of(new ScriptedStep("cleanup", PASSES)));

    UpdateControl<ProvisioningValidation> control =
        reconciler(scenario, 0).reconcile(run, context(run));

    assertThat(storedWhenSecondActed)
        .singleElement()
        .satisfies(
            status ->
                assertThat(outcomes(status))
                    .containsExactly(Outcome.Passed, Outcome.Pending, Outcome.Pending));
    assertThat(persisted)
        .extracting(ValidationReconcilerTest::outcomes)
        .containsExactly(
            List.of(Outcome.Passed, Outcome.Pending, Outcome.Pending),
            List.of(Outcome.Passed, Outcome.Passed, Outcome.Pending),
            List.of(Outcome.Passed, Outcome.Passed, Outcome.Passed));
    ValidationStatus status = stored(run).getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(status.getCompletionTime()).isEqualTo(Conditions.timestamp(NOW));
    assertThat(control.getScheduleDelay())
        .as("the finished run comes back when its TTL expires")
        .contains(Duration.ofSeconds(SpecDefaults.TTL_SECONDS_AFTER_FINISHED).toMillis());
    assertThat(control.isPatchStatus())
        .as("the status is written by the reconciler itself, not by JOSDK")
        .isFalse();
  }

  @Test
  void aWaitingStepEndsTheReconciliationWhichComesBackWhenTheStepAsks() {
    ProvisioningValidation run = created("step-waits");
    ScriptedStep polling =
        new ScriptedStep("polling", StepResult.polling("waiting for S3", Duration.ofSeconds(5)));
    var scenario =
        new ScriptedScenario(List.of(new ScriptedStep("first", PASSES), polling), List.of());

    UpdateControl<ProvisioningValidation> control =
        reconciler(scenario, 0).reconcile(run, context(run));

    assertThat(polling.calls()).isOne();
    assertThat(control.getScheduleDelay()).contains(Duration.ofSeconds(5).toMillis());
    ValidationStatus status = stored(run).getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Running);
    assertThat(status.getScenarios().get(0).getSteps().get(1))
        .satisfies(
            step -> {
              assertThat(step.getOutcome()).isEqualTo(Outcome.Running);
              assertThat(step.getMessage()).isEqualTo("waiting for S3");
            });
  }

  @Test
  void aRunWithoutAFreeSlotIsStoredAsQueuedAndNothingRuns() {
    ProvisioningValidation running = created("holds-the-slot");
    ValidationStatus started = new ValidationStatus();
    started.setPhase(Phase.Running);
    started.setStartTime(Conditions.timestamp(NOW.minusSeconds(60)));
    running.setStatus(started);
    ProvisioningValidation run = created("waits-for-a-slot");
    ScriptedStep step = new ScriptedStep("first", PASSES);

    UpdateControl<ProvisioningValidation> control =
        reconciler(new ScriptedScenario(List.of(step), List.of()), 1)
            .reconcile(run, context(running, run));

    assertThat(control.getScheduleDelay()).contains(ValidationReconciler.QUEUE_RECHECK.toMillis());
    assertThat(step.calls()).isZero();
    ValidationStatus status = stored(run).getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Pending);
    assertThat(status.getStartTime()).isNull();
    assertThat(status.getScenarios()).isEmpty();
    assertThat(status.getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getReason()).isEqualTo(RunStatusAggregator.QUEUED);
              assertThat(c.getMessage())
                  .contains("1 runs in progress, at most 1 at once")
                  .contains("position 1");
            });
  }

  @Test
  void aSpecTheOperatorCannotRunFailsTheRunBeforeAnythingRunsWithAWarningEvent() {
    ProvisioningValidation run = created("bad-duration");
    // Admission refuses this; a CR stored before its CRD had the rule, or without a schema, is not
    // refused.
    run.getSpec().getTimeouts().setBind("2 minutes");
    ScriptedStep step = new ScriptedStep("first", PASSES);

    reconciler(new ScriptedScenario(List.of(step), List.of()), 0).reconcile(run, context(run));

    assertThat(step.calls()).isZero();
    ValidationStatus status = stored(run).getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    assertThat(status.getFirstFailure()).isEqualTo(Reason.InvalidSpec.name());
    assertThat(status.getConditions())
        .anySatisfy(c -> assertThat(c.getMessage()).contains("spec.timeouts.bind"));
    assertThat(sandbox.client().v1().events().inNamespace(Sandbox.NAMESPACE).list().getItems())
        .anySatisfy(
            e -> {
              assertThat(e.getInvolvedObject().getName()).isEqualTo("bad-duration");
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo(Reason.InvalidSpec.name());
            });
  }

  /** A run that finished {@code ago} with {@code pending} buckets still to delete. */
  static ProvisioningValidation finished(
      String name, Duration ago, long ttlSeconds, String... pending) {
    ProvisioningValidation run = SandboxRuns.passing(sandbox, name);
    run.getSpec().setTtlSecondsAfterFinished(ttlSeconds);
    run = sandbox.client().resource(run).create();
    ValidationStatus status = new ValidationStatus();
    status.setPhase(Phase.Succeeded);
    status.setStartTime(Conditions.timestamp(NOW.minus(ago).minusSeconds(60)));
    status.setCompletionTime(Conditions.timestamp(NOW.minus(ago)));
    status.setPendingCleanup(new ArrayList<>(List.of(pending)));
    run.setStatus(status);
    return sandbox.client().resource(run).updateStatus();
  }

  @Test
  void aFinishedRunDeletesTheBucketsS3WasNotThereForAndComesBackAtItsTtl() {
    sandbox.s3().createBucket(b -> b.bucket("pval-left-by-outage"));
    ProvisioningValidation run =
        finished("finished-with-pending", Duration.ofSeconds(10), 3600, "pval-left-by-outage");

    UpdateControl<ProvisioningValidation> control =
        reconciler(new ScriptedScenario(List.of(), List.of()), 0).reconcile(run, context(run));

    assertThat(sandbox.s3().listBuckets().buckets())
        .noneMatch(b -> b.name().equals("pval-left-by-outage"));
    assertThat(stored(run).getStatus().getPendingCleanup()).isEmpty();
    assertThat(control.getScheduleDelay()).contains(Duration.ofSeconds(3600 - 10).toMillis());
  }

  @Test
  void aFinishedRunWhoseBucketsS3DoesNotAnswerForKeepsThemAndTriesAgainSoon() {
    sandbox.s3().createBucket(b -> b.bucket("pval-still-owed"));
    ProvisioningValidation run =
        finished("finished-s3-down", Duration.ofSeconds(10), 3600, "pval-still-owed");
    sandbox.stopS3();
    UpdateControl<ProvisioningValidation> control;
    try {
      control =
          reconciler(new ScriptedScenario(List.of(), List.of()), 0).reconcile(run, context(run));
    } finally {
      sandbox.startS3();
    }

    assertThat(stored(run).getStatus().getPendingCleanup()).containsExactly("pval-still-owed");
    assertThat(control.getScheduleDelay()).contains(RunCleaner.S3_RETRY.toMillis());
    assertThat(sandbox.s3().listBuckets().buckets())
        .anyMatch(b -> b.name().equals("pval-still-owed"));
  }

  @Test
  void aFinishedRunPastItsTtlIsDeleted() {
    ProvisioningValidation run = finished("expired", Duration.ofMinutes(5), 60);

    UpdateControl<ProvisioningValidation> control =
        reconciler(new ScriptedScenario(List.of(), List.of()), 0).reconcile(run, context(run));

    assertThat(stored(run)).isNull();
    assertThat(control.getScheduleDelay()).isEmpty();
  }

  /** A run that started {@code ago} (its timeouts.run is the sandbox's 2 m), its step running. */
  static ProvisioningValidation started(String name, Duration ago, Scenario scenario) {
    ProvisioningValidation run = created(name);
    ValidationStatus status = new ValidationStatus();
    status.setPhase(Phase.Running);
    status.setStartTime(Conditions.timestamp(NOW.minus(ago)));
    ScenarioStatus planned = ScenarioRunner.plan(scenario);
    planned.setOutcome(Outcome.Running);
    planned.getSteps().get(0).setOutcome(Outcome.Running);
    planned.getSteps().get(0).setStartTime(Conditions.timestamp(NOW.minus(ago)));
    status.getScenarios().add(planned);
    run.setStatus(status);
    return sandbox.client().resource(run).updateStatus();
  }

  @Test
  void aRunWhoseReconciliationsKeepThrowingEndsAtItsDeadlineWithTheError() {
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("first", new IllegalStateException("a bug in a step"))),
            List.of(new ScriptedStep("cleanup", PASSES)));
    ProvisioningValidation run = started("throws-past-deadline", Duration.ofMinutes(3), scenario);
    ValidationReconciler reconciler = reconciler(scenario, 0);
    Context<ProvisioningValidation> context = context(run);
    Exception thrown =
        catchException(() -> reconciler.reconcile(sandbox.client().resource(run).get(), context));

    ErrorStatusUpdateControl<ProvisioningValidation> control =
        reconciler.updateErrorStatus(stored(run), context, thrown);

    assertThat(control.isNoRetry()).as("JOSDK retries until it sees the run finished").isFalse();
    ValidationStatus status = stored(run).getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    assertThat(status.getCompletionTime()).isEqualTo(Conditions.timestamp(NOW));
    ScenarioStatus scenarioStatus = status.getScenarios().get(0);
    assertThat(scenarioStatus.getReason()).isEqualTo(Reason.RunTimeout);
    assertThat(scenarioStatus.getMessage())
        .isEqualTo(
            "the run's deadline passed while its reconciliation kept failing:"
                + " IllegalStateException: a bug in a step");
    assertThat(outcomes(status)).containsExactly(Outcome.Failed, Outcome.Skipped);
    assertThat(status.getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(Conditions.RECONCILE_ERROR);
              assertThat(c.getStatus()).isEqualTo(Conditions.TRUE);
              assertThat(c.getMessage()).isEqualTo("IllegalStateException: a bug in a step");
            });
    assertThat(sandbox.client().v1().events().inNamespace(Sandbox.NAMESPACE).list().getItems())
        .anySatisfy(
            e -> {
              assertThat(e.getInvolvedObject().getName()).isEqualTo("throws-past-deadline");
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo(Conditions.RECONCILE_ERROR);
            });
  }

  @Test
  void aRunWhoseRetriesAreSpentSaysWhyAndComesBackByItsDeadline() {
    var scenario =
        new ScriptedScenario(
            List.of(new ScriptedStep("first", new IllegalStateException("a bug"))), List.of());
    ProvisioningValidation run = started("throws-retries-spent", Duration.ofSeconds(110), scenario);

    ErrorStatusUpdateControl<ProvisioningValidation> control =
        reconciler(scenario, 0)
            .updateErrorStatus(run, context(run), new IllegalStateException("a bug"));

    assertThat(control.isNoRetry()).isTrue();
    assertThat(control.getScheduleDelay())
        .as("the run's deadline, 10 s away, before the usual recheck")
        .contains(Duration.ofSeconds(10).toMillis());
    ValidationStatus status = stored(run).getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Running);
    assertThat(status.getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(Conditions.RECONCILE_ERROR);
              assertThat(c.getStatus()).isEqualTo(Conditions.TRUE);
            });
  }
}
