package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.spec.DurationText;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Deletes objects the scenario recorded and awaits them gone. After a while ({@link CacheCheck})
 * and at the deadline ({@link #timedOut}) the API server, not the cache, says what is left.
 */
abstract class DeletionStep<T extends HasMetadata> implements Step {
  private final String name;
  private final String kind;

  /**
   * @param kind "PVC", "pod"… for the messages
   */
  DeletionStep(String name, String kind) {
    this.name = name;
    this.kind = kind;
  }

  /** The names the scenario recorded. */
  abstract List<String> recorded(ScenarioContext ctx);

  /** One of them as the cache shows it. */
  abstract Optional<T> find(ScenarioContext ctx, String name);

  /** Asks the API server to delete one; returns whether it existed. */
  abstract boolean delete(ScenarioContext ctx, String name);

  /** The message once all are gone. */
  abstract String passed(ScenarioContext ctx);

  /** What to record about an object before asking for its deletion. */
  void beforeDeletion(ScenarioContext ctx, T object) {}

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final StepResult run(ScenarioContext ctx) {
    List<String> remaining = new ArrayList<>();
    for (String recordedName : recorded(ctx)) {
      find(ctx, recordedName)
          .ifPresent(
              object -> {
                remaining.add(recordedName);
                if (object.getMetadata().getDeletionTimestamp() == null) {
                  beforeDeletion(ctx, object);
                  delete(ctx, recordedName);
                }
              });
    }
    // Asking again to delete is asking whether it still exists: the request is idempotent.
    List<String> left = CacheCheck.remaining(ctx, name, remaining, n -> delete(ctx, n));
    if (!left.isEmpty()) {
      return CacheCheck.waiting(
          ctx, name, "waiting for " + kind + " " + String.join(", ", left) + " to be deleted");
    }
    return StepResult.passed(passed(ctx));
  }

  /**
   * The last look at the deadline: asks the API server to delete what the cache still shows.
   * Objects the API server no longer has were gone already, and only the cache lagged (an informer
   * that restarted just as they went, say): the step passes. Objects that still existed fail it,
   * and are deleted now, so nothing stays behind.
   */
  @Override
  public final StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    List<String> existing =
        recorded(ctx).stream()
            .filter(n -> find(ctx, n).isPresent())
            .filter(n -> delete(ctx, n))
            .toList();
    if (existing.isEmpty()) {
      return StepResult.passed(passed(ctx));
    }
    return StepResult.failed(
        deadline().reason(),
        kind
            + " "
            + String.join(", ", existing)
            + " still existed "
            + DurationText.format(timeout)
            + " after deletion was requested");
  }

  @Override
  public final Deadline deadline() {
    return Deadline.deletion(Reason.CleanupFailed);
  }
}
