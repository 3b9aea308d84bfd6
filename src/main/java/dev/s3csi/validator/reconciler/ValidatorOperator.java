package dev.s3csi.validator.reconciler;

import java.time.Clock;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.s3.S3Sessions;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;

/**
 * Wires the operator: the same wiring in a cluster, in the sandbox and in tests, so that what is
 * tested is what runs.
 */
public final class ValidatorOperator implements AutoCloseable {
  private final Operator operator;
  private final S3Sessions s3Sessions;

  public ValidatorOperator(KubernetesClient client, OperatorSettings settings, Clock clock) {
    this.s3Sessions = new S3Sessions(client);
    this.operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        // Status is written with JSON merge patch under optimistic locking (see
        // ValidationReconciler#persist), not server-side apply: one code path, the same against
        // a real API server and the mock server the tests run on, which has no SSA.
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        // Missing RBAC shows as unhealthy event sources (the liveness probe) instead of a crash loop.
        .withStopOnInformerErrorDuringStartup(false));
    var reconciler = new ValidationReconciler(clock, new SpecDefaults(settings.probeImage()), s3Sessions);
    operator.register(reconciler, (ControllerConfigurationOverrider<ProvisioningValidation> o) -> {
      if (!settings.watchNamespaces().isEmpty()) {
        o.settingNamespaces(settings.watchNamespaces());
      }
    });
  }

  public void start() {
    operator.start();
  }

  public Operator operator() {
    return operator;
  }

  @Override
  public void close() {
    operator.stop();
    s3Sessions.close();
  }
}
