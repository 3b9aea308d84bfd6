package dev.s3csi.validator.sandbox;

import java.time.Duration;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.RunWaiter;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Waits for a run to reach Succeeded or Failed, as {@code trigger} and {@code run} do. */
public final class RunWatcher {
  private final RunWaiter waiter;

  public RunWatcher(KubernetesClient client) {
    this.waiter = new RunWaiter(client);
  }

  /** Waits up to the run's own deadline plus {@code margin} for cleanup, then returns it as it is. */
  public ProvisioningValidation awaitFinished(ProvisioningValidation run, Duration margin) {
    return waiter.awaitFinished(run.getMetadata().getNamespace(), run.getMetadata().getName(), RunWaiter.limitFor(run, margin));
  }

  public static boolean isFinished(ProvisioningValidation run) {
    return RunWaiter.isFinished(run);
  }
}
