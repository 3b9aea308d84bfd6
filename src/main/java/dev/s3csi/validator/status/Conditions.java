package dev.s3csi.validator.status;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Builds Kubernetes-style conditions with the time from one injected clock, and merges them into
 * the previous list so that {@code lastTransitionTime} moves only when {@code status} changes.
 */
public final class Conditions {
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";

  /**
   * True while the operator's last reconciliation of the run failed (an error no step turned into a
   * verdict), with the error; False once one succeeded again.
   */
  public static final String RECONCILE_ERROR = "ReconcileError";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private final Clock clock;

  public Conditions(Clock clock) {
    this.clock = clock;
  }

  public Condition build(
      String type, String status, String reason, String message, Long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(timestamp(clock.instant()))
        .build();
  }

  /**
   * Replaces the condition of the same type, keeping its transition time if status is unchanged.
   */
  public static List<Condition> merge(List<Condition> existing, Condition desired) {
    List<Condition> merged = new ArrayList<>();
    boolean replaced = false;
    for (Condition current : existing == null ? List.<Condition>of() : existing) {
      if (Objects.equals(current.getType(), desired.getType())) {
        merged.add(withTransitionTimeOf(current, desired));
        replaced = true;
      } else {
        merged.add(current);
      }
    }
    if (!replaced) {
      merged.add(desired);
    }
    return merged;
  }

  private static Condition withTransitionTimeOf(Condition current, Condition desired) {
    if (!Objects.equals(current.getStatus(), desired.getStatus())) {
      return desired;
    }
    return new ConditionBuilder(desired)
        .withLastTransitionTime(current.getLastTransitionTime())
        .build();
  }

  /** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
