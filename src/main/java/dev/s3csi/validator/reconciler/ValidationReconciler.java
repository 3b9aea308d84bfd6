package dev.s3csi.validator.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.engine.ScenarioCatalogue;
import dev.s3csi.validator.events.RunEventRecorder;
import dev.s3csi.validator.lifecycle.FinishedRun;
import dev.s3csi.validator.lifecycle.PendingCleanup;
import dev.s3csi.validator.lifecycle.RunCleaner;
import dev.s3csi.validator.lifecycle.RunQueue;
import dev.s3csi.validator.lifecycle.StatusStore;
import dev.s3csi.validator.observe.RunObserver;
import dev.s3csi.validator.observe.RunTransitions;
import dev.s3csi.validator.preflight.PreflightException;
import dev.s3csi.validator.s3.CredentialsSecret;
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
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

/**
 * Drives a run: validates its spec, waits for a slot under the global cap, then advances every
 * scenario as far as the observed state allows and persists the progress in the status. Never
 * waits: each await is a step that reports "not yet", and an informer event or the step's deadline
 * brings the run back. A finished run is left to {@link FinishedRun}; a deleted run is cleaned up
 * by {@link RunCleaner} before its finalizer goes.
 */
@ControllerConfiguration(name = ValidationReconciler.NAME)
public class ValidationReconciler
    implements Reconciler<ProvisioningValidation>, Cleaner<ProvisioningValidation> {
  public static final String NAME = "provisioningvalidation";
  private static final Logger LOG = LoggerFactory.getLogger(ValidationReconciler.class);

  /** Floor for rescheduling, so a deadline in the past cannot spin the reconciler. */
  static final Duration MIN_RESCHEDULE = Duration.ofMillis(10);

  /** Queued runs are woken when a slot frees; this is the safety net. */
  static final Duration QUEUE_RECHECK = Duration.ofSeconds(30);

  private final Clock clock;
  private final SpecDefaults defaults;
  private final ScenarioCatalogue catalogue;
  private final RunStatusAggregator aggregator;
  private final RunAdvancer advancer;
  private final RunObserver observer;
  private final RunEventRecorder events;
  private final RunQueue queue;
  private final RunCleaner cleaner;
  private final FinishedRun finishedRun;

  /**
   * @param observer told of every persisted transition: events on the run and the metrics
   * @param events for warnings outside transitions: refused input, cleanup held up
   */
  public ValidationReconciler(
      Clock clock,
      SpecDefaults defaults,
      S3Sessions s3Sessions,
      RunObserver observer,
      RunEventRecorder events,
      OperatorSettings settings) {
    this(clock, defaults, s3Sessions, observer, events, settings, Scenarios::of);
  }

  /**
   * @param catalogue the scenarios behind the names a run lists: scripted ones in unit tests
   */
  ValidationReconciler(
      Clock clock,
      SpecDefaults defaults,
      S3Sessions s3Sessions,
      RunObserver observer,
      RunEventRecorder events,
      OperatorSettings settings,
      ScenarioCatalogue catalogue) {
    this.clock = clock;
    this.defaults = defaults;
    this.catalogue = catalogue;
    this.observer = observer;
    this.events = events;
    this.aggregator = new RunStatusAggregator(new Conditions(clock));
    this.advancer = new RunAdvancer(defaults, s3Sessions, catalogue, aggregator);
    this.queue = new RunQueue(settings.maxConcurrentRuns());
    this.cleaner = new RunCleaner(clock, defaults, s3Sessions, events);
    this.finishedRun = new FinishedRun(clock, defaults, s3Sessions, queue);
  }

  @Override
  public List<EventSource<?, ProvisioningValidation>> prepareEventSources(
      EventSourceContext<ProvisioningValidation> context) {
    observer.watching(context.getPrimaryCache());
    List<EventSource<?, ProvisioningValidation>> sources =
        new ArrayList<>(EventSources.create(context));
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
    StatusStore store = new StatusWriter(context);
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
          persist(run, next, store);
          return UpdateControl.<ProvisioningValidation>noUpdate().rescheduleAfter(QUEUE_RECHECK);
        }
      }
      wakeUp = advanceAsFarAsPossible(run, next, context, store);
    } catch (InvalidSpecException e) {
      LOG.warn(
          "run {}/{}: invalid spec: {}",
          run.getMetadata().getNamespace(),
          run.getMetadata().getName(),
          e.getMessage());
      aggregator.failBeforeStart(
          next, Reason.InvalidSpec.name(), e.getMessage(), run.getMetadata().getGeneration(), now);
      events.warning(run, Reason.InvalidSpec.name(), e.getMessage());
      wakeUp = Optional.empty();
    } catch (PreflightException e) {
      LOG.warn(
          "run {}/{}: preflight failed: {}",
          run.getMetadata().getNamespace(),
          run.getMetadata().getName(),
          e.getMessage());
      aggregator.failBeforeStart(
          next, e.reason().name(), e.getMessage(), run.getMetadata().getGeneration(), now);
      wakeUp = Optional.empty();
    }
    if (next.getPhase().isTerminal()) {
      PendingCleanup.collect(next);
    }
    persist(run, next, store);
    if (next.getPhase().isTerminal()) {
      LOG.info(
          "run {}/{} {}: {}",
          run.getMetadata().getNamespace(),
          run.getMetadata().getName(),
          next.getPhase(),
          next.getSummary());
      return finished(run, context);
    }
    Duration delay = Duration.between(clock.instant(), wakeUp.orElse(now));
    return UpdateControl.<ProvisioningValidation>noUpdate()
        .rescheduleAfter(delay.compareTo(MIN_RESCHEDULE) < 0 ? MIN_RESCHEDULE : delay);
  }

  /**
   * JOSDK's hook for a reconciliation that threw: an error no step turned into a verdict (a status
   * write refused, a bug). Said in the {@code ReconcileError} condition and a Warning event;
   * retried by JOSDK with backoff ({@link ValidatorOperator#RETRY}) and, once its attempts are
   * spent, rescheduled here. A run whose deadline passed meanwhile ends {@code Failed} with {@code
   * RunTimeout}: whatever its reconciliations throw, a run ends by {@code timeouts.run}.
   */
  @Override
  public ErrorStatusUpdateControl<ProvisioningValidation> updateErrorStatus(
      ProvisioningValidation run, Context<ProvisioningValidation> context, Exception e) {
    Instant now = clock.instant();
    String error = ReconcileError.describe(e);
    LOG.warn(
        "run {}/{}: reconciliation failed: {}",
        run.getMetadata().getNamespace(),
        run.getMetadata().getName(),
        error,
        e);
    events.warning(run, Conditions.RECONCILE_ERROR, error);
    ValidationStatus current = run.getStatus();
    if (current != null && current.getPhase() != null && current.getPhase().isTerminal()) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    ValidationStatus next = StatusCopies.copy(current);
    Optional<Instant> deadline = ReconcileError.runDeadline(run, next, defaults);
    Long generation = run.getMetadata().getGeneration();
    boolean ended = deadline.isPresent() && !now.isBefore(deadline.get());
    if (ended) {
      aggregator.failAtRunDeadline(
          next,
          "the run's deadline passed while its reconciliation kept failing: " + error,
          generation,
          now);
      PendingCleanup.collect(next);
    }
    aggregator.reconcileFailed(next, error, generation);
    try {
      persist(run, next, new StatusWriter(context));
    } catch (RuntimeException writeFailed) {
      LOG.warn(
          "run {}/{}: could not record the failed reconciliation: {}",
          run.getMetadata().getNamespace(),
          run.getMetadata().getName(),
          writeFailed.getMessage());
    }
    boolean retriesSpent = context.getRetryInfo().map(r -> r.isLastAttempt()).orElse(true);
    if (ended || !retriesSpent) {
      return ErrorStatusUpdateControl.<ProvisioningValidation>noStatusUpdate();
    }
    Duration delay =
        deadline
            .map(d -> Duration.between(now, d))
            .filter(d -> d.compareTo(ReconcileError.RECHECK) < 0)
            .orElse(ReconcileError.RECHECK);
    return ErrorStatusUpdateControl.<ProvisioningValidation>noStatusUpdate()
        .withNoRetry()
        .rescheduleAfter(delay.compareTo(MIN_RESCHEDULE) < 0 ? MIN_RESCHEDULE : delay);
  }

  @Override
  public DeleteControl cleanup(
      ProvisioningValidation run, Context<ProvisioningValidation> context) {
    DeleteControl control =
        cleaner.cleanup(
            run,
            EventSources.inventory(run, context),
            new StatusWriter(context),
            context.getClient());
    if (control.isRemoveFinalizer()) {
      queue.release(run, EventSources.runs(context));
    }
    return control;
  }

  /**
   * What the schema cannot check, checked before anything is created: the credentials Secret exists
   * and holds both keys. Throws {@link InvalidSpecException} with the field path.
   */
  private void checkCredentials(
      ProvisioningValidation run, Context<ProvisioningValidation> context) {
    EffectiveSpec.S3Settings s3 =
        defaults.apply(run.getSpec(), run.getMetadata().getNamespace()).s3();
    CredentialsSecret.read(context.getClient(), s3.secretNamespace(), s3.secretName());
  }

  private UpdateControl<ProvisioningValidation> finished(
      ProvisioningValidation run, Context<ProvisioningValidation> context) {
    return finishedRun
        .tend(run, EventSources.runs(context), new StatusWriter(context), context.getClient())
        .map(after -> UpdateControl.<ProvisioningValidation>noUpdate().rescheduleAfter(after))
        .orElseGet(UpdateControl::noUpdate);
  }

  /**
   * Advances the run and, while a step concludes, stores the conclusion and goes on in this same
   * reconciliation: the next step may act only once the conclusion is stored (it may destroy what
   * the conclusion rests on), and waiting for a reconciliation scheduled after this one would cost
   * a round through the queue per step. Each round concludes a step, so there are at most as many
   * rounds as steps.
   *
   * @return when the run wants to be looked at again
   */
  private Optional<Instant> advanceAsFarAsPossible(
      ProvisioningValidation run,
      ValidationStatus next,
      Context<ProvisioningValidation> context,
      StatusStore store) {
    Instant now = clock.instant();
    Optional<Instant> wakeUp = advancer.advance(run, next, context, now);
    int rounds = next.getScenarios().stream().mapToInt(s -> s.getSteps().size()).sum();
    while (rounds-- > 0
        && !next.getPhase().isTerminal()
        && wakeUp.isPresent()
        && !wakeUp.get().isAfter(now)) {
      persist(run, next, store);
      now = clock.instant();
      wakeUp = advancer.advance(run, next, context, now);
    }
    return wakeUp;
  }

  /**
   * Persists the status and, once written, tells the observers what changed. {@code next} stays
   * this reconciliation's to change; the run holds a copy of what was written.
   */
  private void persist(ProvisioningValidation run, ValidationStatus next, StatusStore store) {
    ValidationStatus before = run.getStatus();
    if (store.persist(run, next)) {
      // The spec is read only for a run with scenarios, whose spec passed validation.
      observer.persisted(
          run,
          run.getStatus(),
          RunTransitions.between(
              before,
              next,
              name ->
                  catalogue.scenario(
                      name, defaults.apply(run.getSpec(), run.getMetadata().getNamespace()))));
    }
  }
}
