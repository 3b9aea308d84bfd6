package dev.s3csi.validator.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.events.RunEventRecorder;
import dev.s3csi.validator.lifecycle.StartupSweep;
import dev.s3csi.validator.metrics.ValidationMetrics;
import dev.s3csi.validator.observe.RunObserver;
import dev.s3csi.validator.s3.S3Sessions;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Wires the operator: the same wiring in a cluster, in the sandbox and in tests, so that what is
 * tested is what runs.
 */
public final class ValidatorOperator implements AutoCloseable {
  private final Operator operator;
  private final S3Sessions s3Sessions;
  private final StartupSweep sweep;
  private final PrometheusMeterRegistry registry;
  private final boolean leaderElection;

  /** A single local instance with a registry of its own: the sandbox and tests. */
  public ValidatorOperator(KubernetesClient client, OperatorSettings settings, Clock clock) {
    this(client, settings, clock, OperatorRuntime.local());
  }

  public ValidatorOperator(
      KubernetesClient client, OperatorSettings settings, Clock clock, OperatorRuntime runtime) {
    this.s3Sessions = new S3Sessions(client);
    this.sweep = new StartupSweep(client, settings.watchNamespaces());
    this.registry = runtime.registry();
    this.leaderElection = runtime.leaderElection().isPresent();
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  // JOSDK's own meters (reconciliations, errors, queue) without a series per run:
                  // runs are
                  // generated objects, their names would make the series unbounded.
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                  .withCloseClientOnStop(false)
                  // Status is written by a PUT of the status subresource under optimistic locking
                  // (see
                  // StatusWriter), not server-side apply: one code path, the same against a real
                  // API
                  // server and the mock server the tests run on, which has no SSA.
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  // Missing RBAC shows as unhealthy event sources (the liveness probe) instead of a
                  // crash loop.
                  .withStopOnInformerErrorDuringStartup(false);
              runtime
                  .leaderElection()
                  .map(election -> sweepingWhenLeading(election, sweep::sweep))
                  .ifPresent(o::withLeaderElectionConfiguration);
            });
    // Metrics first: in-memory and instant, then the events, which are API calls.
    RunEventRecorder events = new RunEventRecorder(client, clock, runtime.instance());
    RunObserver observer = RunObserver.all(List.of(new ValidationMetrics(registry), events));
    var reconciler =
        new ValidationReconciler(
            clock, new SpecDefaults(settings.probeImage()), s3Sessions, observer, events, settings);
    operator.register(
        reconciler,
        (ControllerConfigurationOverrider<ProvisioningValidation> o) -> {
          if (!settings.watchNamespaces().isEmpty()) {
            o.settingNamespaces(settings.watchNamespaces());
          }
          o.withRetry(RETRY);
        });
  }

  /**
   * Retries a failed reconciliation soon, for about a minute (0.2 s doubling to 10 s, 10 attempts);
   * then the reconciler's error hook reschedules the run itself, at its deadline at the latest,
   * where it ends it: retrying never stands in for a verdict.
   */
  static final GenericRetry RETRY =
      new GenericRetry()
          .setInitialInterval(Duration.ofMillis(200))
          .setIntervalMultiplier(2)
          .setMaxInterval(Duration.ofSeconds(10).toMillis())
          .setMaxAttempts(10);

  /**
   * Sweeps what vanished runs left behind, then starts reconciling. With leader election the sweep
   * waits until this replica leads: a standby must not delete what the leader's runs are creating.
   */
  public void start() {
    if (!leaderElection) {
      sweep.sweep();
    }
    operator.start();
  }

  /**
   * The election as configured, with {@code sweep} run when this replica becomes the leader, before
   * JOSDK starts its controllers.
   */
  static LeaderElectionConfiguration sweepingWhenLeading(
      LeaderElectionConfiguration election, Runnable sweep) {
    return new LeaderElectionConfiguration(
        election.getLeaseName(),
        election.getLeaseNamespace().orElse(null),
        election.getLeaseDuration(),
        election.getRenewDeadline(),
        election.getRetryPeriod(),
        election.getIdentity().orElse(null),
        new LeaderCallbacks(sweep, () -> {}, leader -> {}),
        election.isExitOnStopLeading());
  }

  public Operator operator() {
    return operator;
  }

  public RuntimeInfo runtimeInfo() {
    return operator.getRuntimeInfo();
  }

  /** Every meter of this operator: JOSDK's, the validator's, the JVM's. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    operator.stop();
    s3Sessions.close();
  }
}
