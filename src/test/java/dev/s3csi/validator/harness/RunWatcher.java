package dev.s3csi.validator.harness;

import java.time.Duration;
import java.util.List;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.RunWaiter;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Waits for a run to reach Succeeded or Failed, as {@code trigger} and {@code run} do. */
public final class RunWatcher {
  private final RunWaiter waiter;

  public RunWatcher(KubernetesClient client) {
    this.waiter = new RunWaiter(client);
  }

  /**
   * Waits up to the run's own deadline plus {@code margin} for cleanup, then returns it as it is.
   */
  public ProvisioningValidation awaitFinished(ProvisioningValidation run, Duration margin) {
    return waiter.awaitFinished(
        run.getMetadata().getNamespace(),
        run.getMetadata().getName(),
        RunWaiter.limitFor(run, margin));
  }

  /**
   * Waits until the run is finished and holds no bucket deletion still waiting for S3, or is gone;
   * returns it as last seen, null once gone.
   */
  public ProvisioningValidation awaitSettled(ProvisioningValidation run, Duration limit) {
    return waiter.await(
        run.getMetadata().getNamespace(),
        run.getMetadata().getName(),
        limit,
        list ->
            list.isEmpty()
                || (isFinished(list.get(0))
                    && list.get(0).getStatus().getPendingCleanup().isEmpty()));
  }

  /** Waits until the run is gone (its finalizer removed); true if it is. */
  public boolean awaitGone(ProvisioningValidation run, Duration limit) {
    return waiter.await(
            run.getMetadata().getNamespace(), run.getMetadata().getName(), limit, List::isEmpty)
        == null;
  }

  public static boolean isFinished(ProvisioningValidation run) {
    return RunWaiter.isFinished(run);
  }
}
