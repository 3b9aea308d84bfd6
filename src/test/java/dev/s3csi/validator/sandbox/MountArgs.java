package dev.s3csi.validator.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * Mount options as the Scality driver parses them (pkg/mountpoint/args.go): {@code key}, {@code
 * key=value} or {@code key value}, each with or without a leading {@code --}.
 */
final class MountArgs {
  private MountArgs() {}

  private static String key(String option) {
    String trimmed = option.strip().replaceFirst("^-+", "");
    int end = 0;
    while (end < trimmed.length() && trimmed.charAt(end) != '=' && trimmed.charAt(end) != ' ') {
      end++;
    }
    return trimmed.substring(0, end);
  }

  /** The value of the first option named {@code key}: {@code prefix=a/} gives {@code a/}. */
  static Optional<String> value(List<String> options, String key) {
    return options.stream()
        .filter(o -> key(o).equals(key))
        .map(o -> o.strip().replaceFirst("^-+", "").substring(key.length()))
        .map(rest -> rest.isEmpty() ? rest : rest.substring(1).strip())
        .findFirst();
  }

  static boolean has(List<String> options, String key) {
    return options.stream().map(MountArgs::key).anyMatch(key::equals);
  }
}
