package dev.s3csi.validator.kube;

/** Mount option syntax as the Scality driver accepts it: key, key=value, key value, with or without --. */
public final class MountOptions {
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
}
