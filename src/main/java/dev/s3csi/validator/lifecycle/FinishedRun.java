package dev.s3csi.validator.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Sessions;
import dev.s3csi.validator.spec.SpecDefaults;
import dev.s3csi.validator.status.StatusCopies;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What a finished run still needs: its slot freed for the runs waiting, the bucket deletions S3 was
 * not there for retried, its S3 session closed once it owes S3 nothing, and the run itself deleted
 * once its TTL has passed. Each call does what is due and says when the next thing is.
 */
public final class FinishedRun {
  private static final Logger LOG = LoggerFactory.getLogger(FinishedRun.class);

  private final Clock clock;
  private final SpecDefaults defaults;
  private final S3Sessions s3Sessions;
  private final RunQueue queue;

  public FinishedRun(Clock clock, SpecDefaults defaults, S3Sessions s3Sessions, RunQueue queue) {
    this.clock = clock;
    this.defaults = defaults;
    this.s3Sessions = s3Sessions;
    this.queue = queue;
  }

  /**
   * @param runs every run the operator knows of: those waiting for the freed slot are woken
   * @return when to look at the run again: the next try at its pending bucket deletions or its
   *     TTL's expiry, whichever comes first; empty when neither is due
   */
  public Optional<Duration> tend(
      ProvisioningValidation run,
      Collection<ProvisioningValidation> runs,
      StatusStore store,
      KubernetesClient client) {
    queue.release(run, runs);
    String uid = run.getMetadata().getUid();
    Optional<Duration> retry = Optional.empty();
    if (!run.getStatus().getPendingCleanup().isEmpty()) {
      ValidationStatus next = StatusCopies.copy(run.getStatus());
      S3Checks s3 =
          s3Sessions.forRun(
              uid, defaults.apply(run.getSpec(), run.getMetadata().getNamespace()).s3());
      List<String> errors = PendingCleanup.retry(next, s3);
      store.persist(run, next);
      if (!errors.isEmpty()) {
        LOG.info(
            "run {}/{}: bucket {} still to delete, S3 does not answer: {}",
            run.getMetadata().getNamespace(),
            run.getMetadata().getName(),
            String.join(", ", next.getPendingCleanup()),
            errors.get(0));
        retry = Optional.of(RunCleaner.S3_RETRY);
      }
    }
    if (retry.isEmpty()) {
      s3Sessions.release(uid);
    }
    Optional<Duration> expiry = TtlReaper.reap(run, clock.instant(), client);
    return retry.isPresent() && (expiry.isEmpty() || retry.get().compareTo(expiry.get()) < 0)
        ? retry
        : expiry;
  }
}
