package dev.s3csi.validator.kube;

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
public final class RunWaiter {
  private final KubernetesClient client;

  public RunWaiter(KubernetesClient client) {
    this.client = client;
  }

  /** The run's own deadline ({@code timeouts.run}) plus {@code margin} for its cleanup. */
  public static Duration limitFor(ProvisioningValidation run, Duration margin) {
    return new SpecDefaults("unused")
        .apply(run.getSpec(), run.getMetadata().getNamespace())
        .timeouts()
        .run()
        .plus(margin);
  }

  /** Waits up to {@code limit}, then returns the run as it is then (null if it is gone). */
  public ProvisioningValidation awaitFinished(String namespace, String name, Duration limit) {
    return await(namespace, name, limit, list -> list.stream().anyMatch(RunWaiter::isFinished));
  }

  /**
   * Waits up to {@code limit} for {@code condition} on the run (an empty list once it is gone),
   * then returns the run as it is then (null if it is gone).
   */
  public ProvisioningValidation await(
      String namespace,
      String name,
      Duration limit,
      Predicate<List<ProvisioningValidation>> condition) {
    var resource =
        client.resources(ProvisioningValidation.class).inNamespace(namespace).withName(name);
    try {
      return resource
          .informOnCondition(condition)
          .thenApply(list -> list.isEmpty() ? null : list.get(0))
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return resource.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "watching " + namespace + "/" + name + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return resource.get();
    }
  }

  public static boolean isFinished(ProvisioningValidation run) {
    return run != null
        && run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal();
  }
}
