package dev.s3csi.validator.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.events.RunEventRecorder;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Sessions;
import dev.s3csi.validator.s3.S3UnavailableException;
import dev.s3csi.validator.scenario.steps.BucketCleanupStep;
import dev.s3csi.validator.scenario.steps.EnsureBucketStep;
import dev.s3csi.validator.scenario.steps.PrefixCleanupStep;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.SpecDefaults;
import dev.s3csi.validator.status.StatusCopies;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;

/**
 * The finalizer's work when a run is deleted, whatever state it was in (mid-run, finished, kept for
 * inspection): deletes its pods, then its PVCs, waits for the driver to delete their PVs (deleting
 * them itself after the deletion timeout), deletes through S3 what the run wrote under its prefixes
 * in shared buckets and the buckets the run caused, and deletes its StorageClasses last.
 * Level-triggered like the run itself: each call does what the observed state allows and asks to be
 * called again; the buckets still owed are written to the status first, so a restart in the middle
 * forgets none. S3 being down holds the finalizer until S3 answers: deleting the run must not leak
 * its buckets.
 */
public final class RunCleaner {
  static final Duration RECHECK = Duration.ofMillis(500);
  public static final Duration S3_RETRY = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(RunCleaner.class);

  private final Clock clock;
  private final SpecDefaults defaults;
  private final S3Sessions s3Sessions;
  private final RunEventRecorder events;

  public RunCleaner(
      Clock clock, SpecDefaults defaults, S3Sessions s3Sessions, RunEventRecorder events) {
    this.clock = clock;
    this.defaults = defaults;
    this.s3Sessions = s3Sessions;
    this.events = events;
  }

  /**
   * @param inventory what of the run exists in the cluster
   * @return whether everything is gone (the finalizer may go), or when to look again
   */
  public DeleteControl cleanup(
      ProvisioningValidation run,
      RunInventory inventory,
      StatusStore store,
      KubernetesClient client) {
    ValidationStatus status = StatusCopies.copy(run.getStatus());
    PendingCleanup.add(status, bucketsOwed(run, status, inventory));
    store.persist(run, status);

    ClusterWriter writer = new ClusterWriter(client);
    String namespace = run.getMetadata().getNamespace();
    if (stillExist(inventory.pods(), pod -> writer.deletePod(namespace, pod))) {
      return recheck(RECHECK);
    }
    if (stillExist(inventory.claims(), claim -> writer.deleteClaim(namespace, claim))) {
      return recheck(RECHECK);
    }
    if (!inventory.volumes().isEmpty()) {
      Instant deadline = deletionRequested(run).plus(deletionTimeout(run));
      if (clock.instant().isBefore(deadline)) {
        return recheck(RECHECK);
      }
      if (stillExist(inventory.volumes(), writer::deleteVolume)) {
        events.warning(
            run,
            "VolumeNotReclaimed",
            "the driver did not delete PV "
                + names(inventory.volumes())
                + " of the deleted run's PVCs in time (reclaimPolicy Delete); the validator deleted it");
        return recheck(RECHECK);
      }
    }
    List<String> prefixes = prefixesOwed(status);
    if (!prefixes.isEmpty()) {
      try {
        S3Checks s3 = s3Sessions.forRun(run.getMetadata().getUid(), s3Settings(run));
        prefixes.forEach(where -> PrefixCleanupStep.delete(s3, where));
      } catch (S3UnavailableException e) {
        events.warning(
            run,
            "CleanupWaitingForS3",
            "objects under "
                + String.join(", ", prefixes)
                + " not deleted yet: S3 does not answer ("
                + e.getMessage()
                + "); retrying until it does");
        return recheck(S3_RETRY);
      }
    }
    if (!status.getPendingCleanup().isEmpty()) {
      List<String> errors =
          PendingCleanup.retry(
              status, s3Sessions.forRun(run.getMetadata().getUid(), s3Settings(run)));
      store.persist(run, status);
      if (!errors.isEmpty()) {
        events.warning(
            run,
            "CleanupWaitingForS3",
            "bucket "
                + String.join(", ", status.getPendingCleanup())
                + " not deleted yet: S3 does not answer ("
                + errors.get(0)
                + "); retrying until it does");
        return recheck(S3_RETRY);
      }
    }
    if (stillExist(inventory.storageClasses(), writer::deleteStorageClass)) {
      return recheck(RECHECK);
    }
    s3Sessions.release(run.getMetadata().getUid());
    LOG.info(
        "run {}/{} deleted: everything it created is gone", namespace, run.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }

  /**
   * Buckets that may still exist: those of scenarios whose bucket cleanup has not passed, and those
   * the run's PVs name (recorded now, before deleting the PVCs makes the PVs go).
   */
  private List<String> bucketsOwed(
      ProvisioningValidation run, ValidationStatus status, RunInventory inventory) {
    List<String> owed = new ArrayList<>();
    if (!inventory.volumes().isEmpty()) {
      // A run with volumes started, so its spec was valid: the defaults apply.
      owed.addAll(
          inventory.buckets(
              EnsureBucketStep.sharedBucket(
                  defaults.apply(run.getSpec(), run.getMetadata().getNamespace()), run)));
    }
    for (ScenarioStatus scenario : status.getScenarios()) {
      boolean cleaned =
          scenario.getSteps().stream()
              .anyMatch(
                  s ->
                      BucketCleanupStep.NAME.equals(s.getName())
                          && s.getOutcome() == Outcome.Passed);
      if (!cleaned) {
        owed.addAll(scenario.getResources().getBuckets());
      }
    }
    return owed;
  }

  /**
   * What the run wrote under its prefixes in buckets shared with others, where its scenarios did
   * not clean it up themselves: the objects go, the buckets stay.
   */
  private static List<String> prefixesOwed(ValidationStatus status) {
    return status.getScenarios().stream()
        .filter(
            s ->
                s.getSteps().stream()
                    .noneMatch(
                        step ->
                            PrefixCleanupStep.NAME.equals(step.getName())
                                && step.getOutcome() == Outcome.Passed))
        .flatMap(s -> s.getResources().getPrefixes().stream())
        .toList();
  }

  private EffectiveSpec.S3Settings s3Settings(ProvisioningValidation run) {
    return defaults.apply(run.getSpec(), run.getMetadata().getNamespace()).s3();
  }

  /** The spec's deletion timeout; the default one for a spec that never passed validation. */
  private Duration deletionTimeout(ProvisioningValidation run) {
    try {
      return defaults.apply(run.getSpec(), run.getMetadata().getNamespace()).timeouts().deletion();
    } catch (RuntimeException e) {
      return defaults.apply(null, run.getMetadata().getNamespace()).timeouts().deletion();
    }
  }

  private Instant deletionRequested(ProvisioningValidation run) {
    String timestamp = run.getMetadata().getDeletionTimestamp();
    return timestamp == null ? clock.instant() : Instant.parse(timestamp);
  }

  /**
   * Asks the API server to delete each object the cache shows; true if any still existed. The API
   * server's answer, not the cache, says when a kind of object is done: a cache that missed a
   * deletion cannot hold the finalizer forever.
   */
  private static <R extends HasMetadata> boolean stillExist(
      List<R> objects, Predicate<String> deleteIfExists) {
    return objects.stream().map(o -> o.getMetadata().getName()).filter(deleteIfExists).count() > 0;
  }

  private static String names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.joining(", "));
  }

  private static DeleteControl recheck(Duration after) {
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(after.toMillis());
  }
}
