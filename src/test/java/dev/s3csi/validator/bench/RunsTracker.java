package dev.s3csi.validator.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.harness.EveryVersion;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.kube.RunWaiter;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Watches the sandbox's runs with one informer (not one watch per run, which would load the API
 * server the benchmark measures against): when each was first seen finished, and its latest state.
 */
final class RunsTracker implements AutoCloseable {
  private final Map<String, Long> finishedAt = new HashMap<>();
  private final Map<String, ProvisioningValidation> latest = new HashMap<>();
  private final SharedIndexInformer<ProvisioningValidation> informer;

  RunsTracker(KubernetesClient client) {
    informer =
        client
            .resources(ProvisioningValidation.class)
            .inNamespace(Sandbox.NAMESPACE)
            .inform(EveryVersion.to(this::seen));
  }

  private synchronized void seen(ProvisioningValidation run) {
    String name = run.getMetadata().getName();
    latest.put(name, run);
    if (RunWaiter.isFinished(run)) {
      finishedAt.putIfAbsent(name, System.nanoTime());
    }
    notifyAll();
  }

  /**
   * Waits until every named run has finished and holds no bucket deletion still waiting for S3.
   *
   * @return the runs as last seen, by name; fewer than asked for if the limit passed first
   */
  synchronized Map<String, ProvisioningValidation> awaitSettled(
      Collection<String> names, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!names.stream().allMatch(this::isSettled)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Map<String, ProvisioningValidation> runs = new HashMap<>();
    names.stream().filter(this::isSettled).forEach(name -> runs.put(name, latest.get(name)));
    return runs;
  }

  private boolean isSettled(String name) {
    ProvisioningValidation run = latest.get(name);
    return RunWaiter.isFinished(run) && run.getStatus().getPendingCleanup().isEmpty();
  }

  /** When the run was first seen finished ({@link System#nanoTime}). */
  synchronized long finishedAt(String name) {
    Long at = finishedAt.get(name);
    if (at == null) {
      throw new IllegalStateException("run " + name + " has not finished");
    }
    return at;
  }

  @Override
  public void close() {
    informer.close();
  }
}
