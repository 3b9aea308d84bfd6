package dev.s3csi.validator.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.ScenarioRunner;
import dev.s3csi.validator.events.RunEventRecorder;
import dev.s3csi.validator.kube.ClusterView;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.lifecycle.PendingCleanup;
import dev.s3csi.validator.lifecycle.RunOrphanSweep;
import dev.s3csi.validator.lifecycle.RunQueue;
import dev.s3csi.validator.lifecycle.TtlReaper;
import dev.s3csi.validator.observe.RunObserver;
import dev.s3csi.validator.observe.RunTransitions;
import dev.s3csi.validator.preflight.Preflight;
import dev.s3csi.validator.preflight.PreflightException;
import dev.s3csi.validator.s3.CredentialsSecret;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Sessions;
import dev.s3csi.validator.scenario.Scenarios;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.FieldError;
import dev.s3csi.validator.spec.InvalidSpecException;
import dev.s3csi.validator.spec.SpecDefaults;
import dev.s3csi.validator.spec.SpecValidator;
import dev.s3csi.validator.status.Conditions;
import dev.s3csi.validator.status.RunStatusAggregator;
import dev.s3csi.validator.status.StatusCopies;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

/**
 * Drives a run: validates its spec, waits for a slot under the global cap, then advances every
 * scenario as far as the observed state allows and persists the progress in the status. Never
 * waits: each await is a step that reports "not yet", and an informer event or the step's
 * deadline brings the run back. A finished run stays until its TTL; a deleted run is cleaned up
 * by {@link RunCleaner} before its finalizer goes.
 */
@ControllerConfiguration(name = ValidationReconciler.NAME)
public class ValidationReconciler implements Reconciler<ProvisioningValidation>, Cleaner<ProvisioningValidation> {
  public static final String NAME = "provisioningvalidation";
  private static final Logger LOG = LoggerFactory.getLogger(ValidationReconciler.class);
  /** Floor for rescheduling, so a deadline in the past cannot spin the reconciler. */
  private static final Duration MIN_RESCHEDULE = Duration.ofMillis(10);
  /** Queued runs are woken when a slot frees; this is the safety net. */
  private static final Duration QUEUE_RECHECK = Duration.ofSeconds(30);

  private final Clock clock;
  private final SpecDefaults defaults;
  private final S3Sessions s3Sessions;
  private final RunStatusAggregator aggregator;
  private final RunObserver observer;
  private final ScenarioRunner runner = new ScenarioRunner();
  private final RunOrphanSweep orphanSweep = new RunOrphanSweep();
  private final RunEventRecorder events;
  private final RunQueue queue;
  private final RunCleaner cleaner;

  /**
   * @param observer told of every persisted transition: events on the run and the metrics
   * @param events for warnings outside transitions: refused input, cleanup held up
   */
  public ValidationReconciler(Clock clock, SpecDefaults defaults, S3Sessions s3Sessions, RunObserver observer,
      RunEventRecorder events, OperatorSettings settings) {
    this.clock = clock;
    this.defaults = defaults;
    this.s3Sessions = s3Sessions;
    this.observer = observer;
    this.events = events;
    this.aggregator = new RunStatusAggregator(new Conditions(clock));
    this.queue = new RunQueue(settings.maxConcurrentRuns());
    this.cleaner = new RunCleaner(clock, defaults, s3Sessions, events);
  }

  @Override
  public List<EventSource<?, ProvisioningValidation>> prepareEventSources(
      EventSourceContext<ProvisioningValidation> context) {
    observer.watching(context.getPrimaryCache());
    List<EventSource<?, ProvisioningValidation>> sources = new ArrayList<>(EventSources.create(context));
    sources.add(queue.wakeUps());
    return sources;
  }

  @Override
  public UpdateControl<ProvisioningValidation> reconcile(
      ProvisioningValidation run, Context<ProvisioningValidation> context) {
    ValidationStatus current = run.getStatus();
    if (current != null && current.getPhase() != null && current.getPhase().isTerminal()) {
      observer.finishedRunSeen(run);
      return finished(run, context);
    }
    Instant now = clock.instant();
    ValidationStatus next = StatusCopies.copy(current);
    Optional<Instant> wakeUp;
    try {
      List<FieldError> errors = SpecValidator.validate(run.getSpec());
      if (!errors.isEmpty()) {
        throw new InvalidSpecException(errors);
      }
      if (next.getStartTime() == null) {
        checkCredentials(run, context);
        RunQueue.Admission admission = queue.admit(run, EventSources.runs(context));
        if (admission instanceof RunQueue.Queued queued) {
          aggregator.queue(next, queued.message(), run.getMetadata().getGeneration());
          persist(run, current, next, context);
          return UpdateControl.<ProvisioningValidation>noUpdate().rescheduleAfter(QUEUE_RECHECK);
        }
      }
      wakeUp = advance(run, next, context, now);
      // A step that concluded wants the next one to act at once, but only once its conclusion is
      // stored: store it and go on here, rather than in a reconciliation scheduled after this one.
      // Each round concludes a step, so there are at most as many rounds as steps.
      int rounds = next.getScenarios().stream().mapToInt(s -> s.getSteps().size()).sum();
      while (rounds-- > 0 && !next.getPhase().isTerminal() && wakeUp.isPresent() && !wakeUp.get().isAfter(now)) {
        persist(run, current, next, context);
        current = run.getStatus();
        next = StatusCopies.copy(current);
        now = clock.instant();
        wakeUp = advance(run, next, context, now);
      }
    } catch (InvalidSpecException e) {
      LOG.warn("run {}/{}: invalid spec: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), e.getMessage());
      aggregator.failBeforeStart(next, Reason.InvalidSpec.name(), e.getMessage(), run.getMetadata().getGeneration(), now);
      events.warning(run, Reason.InvalidSpec.name(), e.getMessage());
      wakeUp = Optional.empty();
    } catch (PreflightException e) {
      LOG.warn("run {}/{}: preflight failed: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), e.getMessage());
      aggregator.failBeforeStart(next, e.reason().name(), e.getMessage(), run.getMetadata().getGeneration(), now);
      wakeUp = Optional.empty();
    }
    if (next.getPhase().isTerminal()) {
      PendingCleanup.collect(next);
    }
    persist(run, current, next, context);
    if (next.getPhase().isTerminal()) {
      LOG.info("run {}/{} {}: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), next.getPhase(), next.getSummary());
      return finished(run, context);
    }
    Duration delay = Duration.between(clock.instant(), wakeUp.orElse(now));
    return UpdateControl.<ProvisioningValidation>noUpdate()
        .rescheduleAfter(delay.compareTo(MIN_RESCHEDULE) < 0 ? MIN_RESCHEDULE : delay);
  }

  @Override
  public DeleteControl cleanup(ProvisioningValidation run, Context<ProvisioningValidation> context) {
    DeleteControl control = cleaner.cleanup(run, context);
    if (control.isRemoveFinalizer()) {
      queue.release(run, EventSources.runs(context));
    }
    return control;
  }

  /**
   * What the schema cannot check, checked before anything is created: the credentials Secret
   * exists and holds both keys. Throws {@link InvalidSpecException} with the field path.
   */
  private void checkCredentials(ProvisioningValidation run, Context<ProvisioningValidation> context) {
    EffectiveSpec.S3Settings s3 = defaults.apply(run.getSpec(), run.getMetadata().getNamespace()).s3();
    CredentialsSecret.read(context.getClient(), s3.secretNamespace(), s3.secretName());
  }

  /**
   * A finished run: frees its slot, retries the bucket deletions S3 was not there for, and
   * deletes the run once its TTL has passed.
   */
  private UpdateControl<ProvisioningValidation> finished(ProvisioningValidation run, Context<ProvisioningValidation> context) {
    queue.release(run, EventSources.runs(context));
    String uid = run.getMetadata().getUid();
    Optional<Duration> retry = Optional.empty();
    if (!run.getStatus().getPendingCleanup().isEmpty()) {
      ValidationStatus next = StatusCopies.copy(run.getStatus());
      S3Checks s3 = s3Sessions.forRun(uid, defaults.apply(run.getSpec(), run.getMetadata().getNamespace()).s3());
      List<String> errors = PendingCleanup.retry(next, s3);
      StatusWriter.persist(run, next, context);
      if (!errors.isEmpty()) {
        LOG.info("run {}/{}: bucket {} still to delete, S3 does not answer: {}", run.getMetadata().getNamespace(),
            run.getMetadata().getName(), String.join(", ", next.getPendingCleanup()), errors.get(0));
        retry = Optional.of(RunCleaner.S3_RETRY);
      }
    }
    if (retry.isEmpty()) {
      s3Sessions.release(uid);
    }
    Optional<Duration> expiry = TtlReaper.reap(run, clock.instant(), context.getClient());
    Optional<Duration> next = retry.isPresent() && (expiry.isEmpty() || retry.get().compareTo(expiry.get()) < 0) ? retry : expiry;
    return next.map(d -> UpdateControl.<ProvisioningValidation>noUpdate().rescheduleAfter(d))
        .orElseGet(UpdateControl::noUpdate);
  }

  /** Advances every scenario; returns the earliest time one of them wants to be looked at again. */
  private Optional<Instant> advance(
      ProvisioningValidation run, ValidationStatus status, Context<ProvisioningValidation> context, Instant now) {
    EffectiveSpec spec = defaults.apply(run.getSpec(), run.getMetadata().getNamespace());
    S3Checks s3 = s3Sessions.forRun(run.getMetadata().getUid(), spec.s3());
    if (status.getStartTime() == null) {
      Preflight.check(context.getClient(), spec, s3);
      status.setStartTime(Conditions.timestamp(now));
      status.setPhase(Phase.Running);
      for (ScenarioName name : spec.scenarios()) {
        status.getScenarios().add(ScenarioRunner.plan(Scenarios.of(name, spec)));
      }
    }
    Instant runDeadline = Instant.parse(status.getStartTime()).plus(spec.timeouts().run());
    ClusterView cluster = new InformerClusterView(context);
    ClusterWriter writer = new ClusterWriter(context.getClient());
    Optional<Instant> earliest = Optional.empty();
    for (ScenarioStatus scenarioStatus : status.getScenarios()) {
      Scenario scenario = Scenarios.of(scenarioStatus.getName(), spec);
      ScenarioContext ctx = new ScenarioContext(run, spec, scenarioStatus, cluster, writer, s3, now);
      Optional<Instant> wakeUp = runner.advance(scenario, ctx, runDeadline);
      if (wakeUp.isPresent() && (earliest.isEmpty() || wakeUp.get().isBefore(earliest.get()))) {
        earliest = wakeUp;
      }
    }
    boolean sweepPending = false;
    if (status.getScenarios().stream().allMatch(RunStatusAggregator::isComplete)) {
      Optional<Instant> sweepAgain = orphanSweep.sweep(status, s3, cluster, now);
      sweepPending = sweepAgain.isPresent();
      earliest = sweepAgain;
    }
    aggregator.aggregate(status, run.getMetadata().getGeneration(), now, sweepPending);
    return earliest;
  }

  /** Persists the status and, once written, tells the observers what changed. */
  private void persist(ProvisioningValidation run, ValidationStatus current, ValidationStatus next,
      Context<ProvisioningValidation> context) {
    if (StatusWriter.persist(run, next, context)) {
      observer.persisted(run, next, RunTransitions.between(current, next,
          name -> Scenarios.of(name, defaults.apply(run.getSpec(), run.getMetadata().getNamespace()))));
    }
  }
}
