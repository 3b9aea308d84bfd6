package dev.s3csi.validator.harness;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import dev.s3csi.validator.sandbox.CliNames;
import dev.s3csi.validator.spec.DurationText;

/**
 * What the sandbox does to a run besides the driver faults: the ways the operator's own world
 * breaks. Each one must leave the run's result as a clean run's (or, for an S3 outage longer than
 * the deadlines, Failed with S3Unavailable) and nothing behind.
 */
public enum Chaos {
  /** The operator is stopped and started at random points, at least three times per run. */
  OPERATOR_RESTART,
  /** About one in ten of the operator's writes is answered 500, 409 or 429. */
  API_ERRORS,
  /**
   * S3 goes down for a while as the first volume has been verified and its bucket is to be checked.
   */
  S3_OUTAGE,
  /** The run is deleted while its scenarios are running. */
  DELETE_MID_RUN;

  /** An outage that fits the demo's deadlines: the run still passes. */
  public static final Duration DEFAULT_OUTAGE = Duration.ofSeconds(2);

  public String cliName() {
    return CliNames.of(this);
  }

  /** The chaos of one run; {@code s3Outage} is how long S3 stays down when S3_OUTAGE is chosen. */
  public record Plan(Set<Chaos> modes, Duration s3Outage) {
    public static final Plan NONE = new Plan(EnumSet.noneOf(Chaos.class), DEFAULT_OUTAGE);

    public Plan {
      modes = modes.isEmpty() ? EnumSet.noneOf(Chaos.class) : EnumSet.copyOf(modes);
    }

    public boolean has(Chaos chaos) {
      return modes.contains(chaos);
    }
  }

  /**
   * Parses {@code a,b} where {@code s3-outage} may carry its length, e.g. {@code s3-outage=20s}.
   */
  public static Plan parse(String commaSeparated) {
    Set<Chaos> modes = EnumSet.noneOf(Chaos.class);
    Duration outage = DEFAULT_OUTAGE;
    for (String item : commaSeparated.split(",")) {
      String[] parts = item.strip().split("=", 2);
      Chaos chaos = byCliName(parts[0]);
      modes.add(chaos);
      if (parts.length == 2) {
        if (chaos != S3_OUTAGE || !DurationText.isValid(parts[1])) {
          throw new IllegalArgumentException(
              "only s3-outage takes a length, as in s3-outage=20s: '" + item.strip() + "'");
        }
        outage = DurationText.parse(parts[1]);
      }
    }
    return new Plan(modes, outage);
  }

  private static Chaos byCliName(String name) {
    return CliNames.parse(values(), name, "chaos");
  }
}
