package dev.s3csi.validator.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Waits for a run to reach Succeeded or Failed, watching it rather than polling. */
public final class RunWatcher {
  private final KubernetesClient client;

  public RunWatcher(KubernetesClient client) {
    this.client = client;
  }

  /** Waits up to the run's own deadline plus {@code margin} for cleanup, then returns it as it is. */
  public ProvisioningValidation awaitFinished(ProvisioningValidation run, Duration margin) {
    Duration limit = new SpecDefaults("unused").apply(run.getSpec(), run.getMetadata().getNamespace()).timeouts().run().plus(margin);
    return await(run, limit, list -> list.stream().anyMatch(RunWatcher::isFinished));
  }

  /**
   * Waits until the run is finished and holds no bucket deletion still waiting for S3, or is
   * gone; returns it as last seen, null once gone.
   */
  public ProvisioningValidation awaitSettled(ProvisioningValidation run, Duration limit) {
    return await(run, limit, list -> list.isEmpty()
        || (isFinished(list.get(0)) && list.get(0).getStatus().getPendingCleanup().isEmpty()));
  }

  /** Waits until the run is gone (its finalizer removed); true if it is. */
  public boolean awaitGone(ProvisioningValidation run, Duration limit) {
    return await(run, limit, List::isEmpty) == null;
  }

  private ProvisioningValidation await(ProvisioningValidation run, Duration limit, Predicate<List<ProvisioningValidation>> condition) {
    var resource = client.resources(ProvisioningValidation.class)
        .inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName());
    try {
      return resource.informOnCondition(condition)
          .thenApply(list -> list.isEmpty() ? null : list.get(0))
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return resource.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("watching " + run.getMetadata().getName() + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return resource.get();
    }
  }

  public static boolean isFinished(ProvisioningValidation run) {
    return run.getStatus() != null && run.getStatus().getPhase() != null && run.getStatus().getPhase().isTerminal();
  }
}
