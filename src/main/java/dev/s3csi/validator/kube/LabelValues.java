package dev.s3csi.validator.kube;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Label values derived from names. The API server refuses a label value longer than 63 characters
 * (with 422 Invalid), and an object's name may have 253: a long name becomes a readable prefix and
 * a hash of the whole, distinct for distinct names and stable across restarts.
 */
public final class LabelValues {
  public static final int MAX = 63;
  private static final int HASH_HEX = 10;

  private LabelValues() {}

  /**
   * {@code value} itself when it fits; otherwise its first characters, cut back to end with a
   * letter or digit (as a label value must), a dash and 10 hex digits of its SHA-256.
   */
  public static String bounded(String value) {
    if (value.length() <= MAX) {
      return value;
    }
    String prefix = value.substring(0, MAX - HASH_HEX - 1);
    int end = prefix.length();
    while (end > 0 && !Character.isLetterOrDigit(prefix.charAt(end - 1))) {
      end--;
    }
    return prefix.substring(0, end) + "-" + hash(value);
  }

  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
