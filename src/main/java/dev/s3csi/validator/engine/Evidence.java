package dev.s3csi.validator.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Failure evidence kept in a scenario's status, bounded so a noisy failure cannot bloat the CR. */
public final class Evidence {
  public static final int MAX_BYTES = 4096;
  private static final String ELLIPSIS = "…";

  private Evidence() {}

  /**
   * Appends {@code text} unless an entry already holds it (the same event quoted with context
   * counts once), cut to what still fits in {@link #MAX_BYTES}.
   */
  public static void add(List<String> evidence, String text) {
    if (text == null || text.isBlank() || evidence.stream().anyMatch(e -> e.contains(text))) {
      return;
    }
    int room = MAX_BYTES - size(evidence);
    if (room <= ELLIPSIS.getBytes(StandardCharsets.UTF_8).length) {
      return;
    }
    evidence.add(fit(text, room));
  }

  public static int size(List<String> evidence) {
    return evidence.stream().mapToInt(e -> e.getBytes(StandardCharsets.UTF_8).length).sum();
  }

  private static String fit(String text, int room) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= room) {
      return text;
    }
    int budget = room - ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (used + bytes > budget) {
        break;
      }
      cut.appendCodePoint(codePoint);
      used += bytes;
      i += Character.charCount(codePoint);
    }
    return cut.append(ELLIPSIS).toString();
  }
}
