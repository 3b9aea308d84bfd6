package dev.s3csi.validator.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Enum constants as the demo's command line spells them: {@code WRITE_LOST} is {@code write-lost}.
 */
public final class CliNames {
  private CliNames() {}

  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @param what "fault", "chaos"… for the message that lists the known names
   */
  public static <E extends Enum<E>> E parse(E[] values, String name, String what) {
    return Arrays.stream(values)
        .filter(c -> of(c).equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown "
                        + what
                        + " '"
                        + name
                        + "'; known: "
                        + Arrays.stream(values)
                            .map(CliNames::of)
                            .collect(Collectors.joining(", "))));
  }
}
