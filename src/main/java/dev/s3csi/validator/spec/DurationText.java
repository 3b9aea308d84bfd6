package dev.s3csi.validator.spec;

import java.time.Duration;

import dev.s3csi.validator.api.Timeouts;

/** Durations as the CR writes them: a whole number and one unit of ms, s, m or h. */
public final class DurationText {
  private static final java.util.regex.Pattern FORMAT =
      java.util.regex.Pattern.compile(Timeouts.DURATION_PATTERN);

  private DurationText() {}

  public static boolean isValid(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  public static Duration parse(String text) {
    if (!isValid(text)) {
      throw new IllegalArgumentException("not a duration like 90s, 2m or 500ms: " + text);
    }
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
