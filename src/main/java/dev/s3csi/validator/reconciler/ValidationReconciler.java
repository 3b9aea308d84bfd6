package dev.s3csi.validator.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import dev.s3csi.validator.kube.ClusterView;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.observe.RunObserver;
import dev.s3csi.validator.observe.RunTransitions;
import dev.s3csi.validator.preflight.Preflight;
import dev.s3csi.validator.preflight.PreflightException;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Sessions;
import dev.s3csi.validator.scenario.Scenario;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.ScenarioRunner;
import dev.s3csi.validator.scenario.Scenarios;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.SpecDefaults;
import dev.s3csi.validator.status.Conditions;
import dev.s3csi.validator.status.RunStatusAggregator;
import dev.s3csi.validator.validation.FieldError;
import dev.s3csi.validator.validation.InvalidSpecException;
import dev.s3csi.validator.validation.SpecValidator;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

/**
 * Drives a run: validates its spec, then advances every scenario as far as the observed state
 * allows and persists the progress in the status. Never waits: each await is a step that reports
 * "not yet", and an informer event or the step's deadline brings the run back.
 */
@ControllerConfiguration(name = ValidationReconciler.NAME)
public class ValidationReconciler implements Reconciler<ProvisioningValidation> {
  public static final String NAME = "provisioningvalidation";
  private static final Logger LOG = LoggerFactory.getLogger(ValidationReconciler.class);
  /** Floor for rescheduling, so a deadline in the past cannot spin the reconciler. */
  private static final Duration MIN_RESCHEDULE = Duration.ofMillis(10);

  private final Clock clock;
  private final SpecDefaults defaults;
  private final S3Sessions s3Sessions;
  private final RunStatusAggregator aggregator;
  private final RunObserver observer;
  private final ScenarioRunner runner = new ScenarioRunner();
  private final RunOrphanSweep orphanSweep = new RunOrphanSweep();

  /** @param observer told of every persisted transition: events on the run and the metrics */
  public ValidationReconciler(Clock clock, SpecDefaults defaults, S3Sessions s3Sessions, RunObserver observer) {
    this.clock = clock;
    this.defaults = defaults;
    this.s3Sessions = s3Sessions;
    this.observer = observer;
    this.aggregator = new RunStatusAggregator(new Conditions(clock));
  }

  @Override
  public List<EventSource<?, ProvisioningValidation>> prepareEventSources(
      EventSourceContext<ProvisioningValidation> context) {
    observer.watching(context.getPrimaryCache());
    return EventSources.create(context);
  }

  @Override
  public UpdateControl<ProvisioningValidation> reconcile(
      ProvisioningValidation run, Context<ProvisioningValidation> context) {
    ValidationStatus current = run.getStatus();
    String uid = run.getMetadata().getUid();
    if (current != null && current.getPhase() != null && current.getPhase().isTerminal()) {
      s3Sessions.release(uid);
      observer.finishedRunSeen(run);
      return UpdateControl.noUpdate();
    }
    Instant now = clock.instant();
    ValidationStatus next = StatusCopies.copy(current);
    Optional<Instant> wakeUp;
    try {
      wakeUp = advance(run, next, context, now);
    } catch (InvalidSpecException e) {
      LOG.warn("run {}/{}: invalid spec: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), e.getMessage());
      aggregator.failBeforeStart(next, Reason.InvalidSpec.name(), e.getMessage(), run.getMetadata().getGeneration(), now);
      wakeUp = Optional.empty();
    } catch (PreflightException e) {
      LOG.warn("run {}/{}: preflight failed: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), e.getMessage());
      aggregator.failBeforeStart(next, e.reason().name(), e.getMessage(), run.getMetadata().getGeneration(), now);
      wakeUp = Optional.empty();
    }
    if (persist(run, next, context)) {
      observer.persisted(run, next, RunTransitions.between(current, next,
          name -> Scenarios.of(name, defaults.apply(run.getSpec(), run.getMetadata().getNamespace()))));
    }
    if (next.getPhase().isTerminal()) {
      s3Sessions.release(uid);
      LOG.info("run {}/{} {}: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), next.getPhase(), next.getSummary());
      return UpdateControl.noUpdate();
    }
    Duration delay = Duration.between(clock.instant(), wakeUp.orElse(now));
    return UpdateControl.<ProvisioningValidation>noUpdate()
        .rescheduleAfter(delay.compareTo(MIN_RESCHEDULE) < 0 ? MIN_RESCHEDULE : delay);
  }

  /** Advances every scenario; returns the earliest time one of them wants to be looked at again. */
  private Optional<Instant> advance(
      ProvisioningValidation run, ValidationStatus status, Context<ProvisioningValidation> context, Instant now) {
    List<FieldError> errors = SpecValidator.validate(run.getSpec());
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
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

  /**
   * Writes the status if it changed: a full replace of the status subresource under optimistic
   * locking, cached so the next reconciliation sees it even before the informer does.
   *
   * @return whether it wrote
   */
  private static boolean persist(
      ProvisioningValidation run, ValidationStatus next, Context<ProvisioningValidation> context) {
    if (StatusCopies.same(run.getStatus(), next)) {
      return false;
    }
    var cloner = context.getControllerConfiguration().getConfigurationService().getResourceCloner();
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(run, context, latest -> {
      ProvisioningValidation updated = cloner.clone(latest);
      updated.setStatus(next);
      return updated;
    });
    return true;
  }
}
