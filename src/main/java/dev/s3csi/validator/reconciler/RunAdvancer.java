package dev.s3csi.validator.reconciler;

import java.time.Instant;
import java.util.Optional;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.engine.ScenarioCatalogue;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.ScenarioRunner;
import dev.s3csi.validator.kube.ClusterView;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.lifecycle.RunOrphanSweep;
import dev.s3csi.validator.preflight.Preflight;
import dev.s3csi.validator.preflight.PreflightException;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Sessions;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.InvalidSpecException;
import dev.s3csi.validator.spec.SpecDefaults;
import dev.s3csi.validator.status.Conditions;
import dev.s3csi.validator.status.RunStatusAggregator;

import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * One pass over an admitted run: on the first, the preflight checks and the plan (every scenario's
 * steps listed Pending); then every scenario advanced as far as the informer caches and S3 allow;
 * once all are complete, the orphan-bucket sweep; and the run's phase and conditions from its
 * scenarios.
 */
final class RunAdvancer {
  private final SpecDefaults defaults;
  private final S3Sessions s3Sessions;
  private final ScenarioCatalogue catalogue;
  private final RunStatusAggregator aggregator;
  private final ScenarioRunner runner = new ScenarioRunner();
  private final RunOrphanSweep orphanSweep = new RunOrphanSweep();

  RunAdvancer(
      SpecDefaults defaults,
      S3Sessions s3Sessions,
      ScenarioCatalogue catalogue,
      RunStatusAggregator aggregator) {
    this.defaults = defaults;
    this.s3Sessions = s3Sessions;
    this.catalogue = catalogue;
    this.aggregator = aggregator;
  }

  /**
   * @param status the run's status, advanced in place
   * @return the earliest time a scenario (or the sweep) wants to be looked at again
   * @throws PreflightException when a precondition of the run does not hold (first pass only)
   * @throws InvalidSpecException when a Secret the spec references is missing (first pass only)
   */
  Optional<Instant> advance(
      ProvisioningValidation run,
      ValidationStatus status,
      Context<ProvisioningValidation> context,
      Instant now) {
    EffectiveSpec spec = defaults.apply(run.getSpec(), run.getMetadata().getNamespace());
    S3Checks s3 = s3Sessions.forRun(run.getMetadata().getUid(), spec.s3());
    if (status.getStartTime() == null) {
      Preflight.check(context.getClient(), spec, s3);
      status.setStartTime(Conditions.timestamp(now));
      status.setPhase(Phase.Running);
      for (ScenarioName name : spec.scenarios()) {
        status.getScenarios().add(ScenarioRunner.plan(catalogue.scenario(name, spec)));
      }
    }
    Instant runDeadline = Instant.parse(status.getStartTime()).plus(spec.timeouts().run());
    ClusterView cluster = new InformerClusterView(context);
    ClusterWriter writer = new ClusterWriter(context.getClient());
    Optional<Instant> earliest = Optional.empty();
    for (ScenarioStatus scenarioStatus : status.getScenarios()) {
      ScenarioContext ctx =
          new ScenarioContext(run, spec, scenarioStatus, cluster, writer, s3, now);
      Optional<Instant> wakeUp =
          runner.advance(catalogue.scenario(scenarioStatus.getName(), spec), ctx, runDeadline);
      if (wakeUp.isPresent() && (earliest.isEmpty() || wakeUp.get().isBefore(earliest.get()))) {
        earliest = wakeUp;
      }
    }
    boolean sweepPending = false;
    if (status.getScenarios().stream().allMatch(RunStatusAggregator::isComplete)) {
      Optional<Instant> sweepAgain = orphanSweep.sweep(status, s3, cluster, writer, now);
      sweepPending = sweepAgain.isPresent();
      earliest = sweepAgain;
    }
    aggregator.aggregate(status, run.getMetadata().getGeneration(), now, sweepPending);
    return earliest;
  }
}
