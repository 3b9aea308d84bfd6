package dev.s3csi.validator.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Deletes finished runs {@code ttlSecondsAfterFinished} after their completion, as the TTL
 * controller does for Jobs. The deletion goes through the finalizer, so whatever the run kept
 * (keepResources) is cleaned up with it. The expiry is computed from the status, so a restart
 * neither forgets nor repeats it.
 */
public final class TtlReaper {
  private static final Logger LOG = LoggerFactory.getLogger(TtlReaper.class);

  private TtlReaper() {}

  /** Deletes the run if it has expired; otherwise returns how long until it does. */
  public static Optional<Duration> reap(
      ProvisioningValidation run, Instant now, KubernetesClient client) {
    String completion = run.getStatus().getCompletionTime();
    if (completion == null || run.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    long ttl = SpecDefaults.ttlSecondsAfterFinished(run.getSpec());
    Instant expiry = Instant.parse(completion).plusSeconds(ttl);
    if (now.isBefore(expiry)) {
      return Optional.of(Duration.between(now, expiry));
    }
    LOG.info(
        "run {}/{} finished at {}; ttlSecondsAfterFinished={} has passed: deleting it",
        run.getMetadata().getNamespace(),
        run.getMetadata().getName(),
        completion,
        ttl);
    client.resource(run).delete();
    return Optional.empty();
  }
}
