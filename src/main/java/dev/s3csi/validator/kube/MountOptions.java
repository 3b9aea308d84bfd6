package dev.s3csi.validator.kube;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mount option syntax as the Scality driver accepts it: key, key=value, key value, with or without
 * --.
 */
public final class MountOptions {
  public static final String PREFIX = "prefix";

  private MountOptions() {}

  public static String key(String option) {
    String trimmed = option.trim();
    while (trimmed.startsWith("-")) {
      trimmed = trimmed.substring(1);
    }
    int end = 0;
    while (end < trimmed.length() && trimmed.charAt(end) != '=' && trimmed.charAt(end) != ' ') {
      end++;
    }
    return trimmed.substring(0, end);
  }

  /**
   * The value of the first option with {@code key} ({@code prefix=a/} gives {@code a/}), if any.
   */
  public static Optional<String> value(List<String> options, String key) {
    return options.stream()
        .filter(o -> key(o).equals(key))
        .map(
            o ->
                o.trim()
                    .replaceFirst("^-*" + Pattern.quote(key), "")
                    .replaceFirst("^[= ]", "")
                    .strip())
        .findFirst();
  }

  public static boolean has(List<String> options, String key) {
    return options.stream().map(MountOptions::key).anyMatch(key::equals);
  }
}
