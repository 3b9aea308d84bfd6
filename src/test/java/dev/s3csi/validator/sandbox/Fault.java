package dev.s3csi.validator.sandbox;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Failures the sandbox injects, each one a way real provisioning breaks. */
public enum Fault {
  /** The driver's controller is not running: PVCs are never provisioned. */
  DRIVER_DOWN,
  /** The PV names a bucket that was never created. */
  BUCKET_MISSING,
  /** Writes through the mount succeed, but the object never reaches S3. */
  WRITE_LOST,
  /** The object that reaches S3 differs from what was written. */
  DATA_CORRUPT;

  /** The name used on the command line, e.g. {@code write-lost}. */
  public String cliName() {
    return CliNames.of(this);
  }

  public static Set<Fault> parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return EnumSet.noneOf(Fault.class);
    }
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .map(Fault::byCliName)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Fault.class)));
  }

  private static Fault byCliName(String name) {
    return CliNames.parse(values(), name, "fault");
  }
}
