package dev.s3csi.validator.lifecycle;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;

/**
 * The global cap on runs in progress. A run holds a slot from the moment it is admitted until it
 * finishes or is deleted; runs that find no free slot wait, oldest first. Which runs hold slots is
 * read from the runs' own status (started, not finished), so a restarted operator knows without any
 * memory of its own; the runs this process admitted but whose status the cache does not show yet
 * are remembered until it does.
 */
public final class RunQueue {
  /** Oldest first, by creation then name: the order queued runs get slots in. */
  private static final Comparator<ProvisioningValidation> ARRIVAL =
      Comparator.comparing(
              (ProvisioningValidation r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
          .thenComparing(r -> r.getMetadata().getNamespace())
          .thenComparing(r -> r.getMetadata().getName());

  private final int limit;
  private final Set<String> admittedHere = ConcurrentHashMap.newKeySet();
  private final SimpleInboundEventSource<ProvisioningValidation> wakeUps =
      new SimpleInboundEventSource<>("queue");

  /**
   * @param limit runs in progress at once; 0 for no limit
   */
  public RunQueue(int limit) {
    this.limit = limit;
  }

  /** Wakes queued runs when a slot frees, so they need not poll for one. */
  public SimpleInboundEventSource<ProvisioningValidation> wakeUps() {
    return wakeUps;
  }

  /** Where a run that has not started stands. */
  public sealed interface Admission {}

  public record Admitted() implements Admission {}

  /**
   * @param position 1 for the next run to get a slot
   */
  public record Queued(int position, int active, int limit) implements Admission {
    public String message() {
      return "waiting for a slot: "
          + active
          + " runs in progress, at most "
          + limit
          + " at once (MAX_CONCURRENT_RUNS); position "
          + position
          + " in the queue";
    }
  }

  /**
   * Admits the run if a slot is free and no run that arrived earlier is still waiting for one.
   *
   * @param runs every run the operator knows of, from its cache
   */
  public synchronized Admission admit(
      ProvisioningValidation run, Collection<ProvisioningValidation> runs) {
    String uid = run.getMetadata().getUid();
    if (limit == 0 || admittedHere.contains(uid)) {
      admittedHere.add(uid);
      return new Admitted();
    }
    admittedHere.retainAll(
        runs.stream()
            .filter(r -> !isFinished(r.getStatus()) && !isDeleting(r))
            .map(r -> r.getMetadata().getUid())
            .toList());
    long active =
        runs.stream()
            .filter(r -> isInProgress(r) || admittedHere.contains(r.getMetadata().getUid()))
            .count();
    List<ProvisioningValidation> waiting = waiting(runs);
    int position =
        1 + (int) waiting.stream().takeWhile(r -> !r.getMetadata().getUid().equals(uid)).count();
    if (active + position <= limit) {
      admittedHere.add(uid);
      return new Admitted();
    }
    return new Queued(position, (int) active, limit);
  }

  /** The run no longer holds a slot: wakes the runs that may take the slots now free. */
  public void release(ProvisioningValidation run, Collection<ProvisioningValidation> runs) {
    admittedHere.remove(run.getMetadata().getUid());
    if (limit == 0) {
      return;
    }
    long active =
        runs.stream()
            .filter(
                r ->
                    isInProgress(r) && !r.getMetadata().getUid().equals(run.getMetadata().getUid()))
            .count();
    waiting(runs).stream()
        .filter(r -> !r.getMetadata().getUid().equals(run.getMetadata().getUid()))
        .limit(Math.max(0, limit - active))
        .forEach(r -> wakeUps.propagateEvent(ResourceID.fromResource(r)));
  }

  private List<ProvisioningValidation> waiting(Collection<ProvisioningValidation> runs) {
    return runs.stream()
        .filter(
            r ->
                !isStarted(r.getStatus())
                    && !isFinished(r.getStatus())
                    && !isDeleting(r)
                    && !admittedHere.contains(r.getMetadata().getUid()))
        .sorted(ARRIVAL)
        .toList();
  }

  private static boolean isInProgress(ProvisioningValidation run) {
    return isStarted(run.getStatus()) && !isFinished(run.getStatus()) && !isDeleting(run);
  }

  private static boolean isStarted(ValidationStatus status) {
    return status != null && status.getStartTime() != null;
  }

  private static boolean isFinished(ValidationStatus status) {
    return status != null && status.getPhase() != null && status.getPhase().isTerminal();
  }

  private static boolean isDeleting(ProvisioningValidation run) {
    return run.getMetadata().getDeletionTimestamp() != null;
  }
}
