package dev.s3csi.validator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Deterministic file content: the same (seed, size) always gives the same bytes. The probe writes
 * it and the operator computes the expected digest without ever seeing the pod's data.
 */
public final class ProbeContent {
  // A multiple of 8, so that SplittableRandom.nextBytes never discards part of a long mid-stream.
  private static final int CHUNK = 64 * 1024;

  private ProbeContent() {}

  /** Writes {@code size} bytes derived from {@code seed}, in chunks, and returns their sha256. */
  public static String write(long seed, long size, OutputStream out) throws IOException {
    MessageDigest digest = sha256();
    SplittableRandom random = new SplittableRandom(seed);
    byte[] chunk = new byte[CHUNK];
    long remaining = size;
    while (remaining > 0) {
      int length = (int) Math.min(CHUNK, remaining);
      random.nextBytes(chunk);
      out.write(chunk, 0, length);
      digest.update(chunk, 0, length);
      remaining -= length;
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public static byte[] bytes(long seed, int size) {
    var out = new java.io.ByteArrayOutputStream(size);
    try {
      write(seed, size, out);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
    return out.toByteArray();
  }

  /** The sha256 of the content {@link #write} produces, without materializing it. */
  public static String sha256Of(long seed, long size) {
    try {
      return write(seed, size, OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new IllegalStateException("null stream failed", e);
    }
  }

  /** Reads a stream to its end and returns the sha256 and the byte count. */
  public static Digest digest(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[CHUNK];
    long size = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      digest.update(buffer, 0, n);
      size += n;
    }
    return new Digest(HexFormat.of().formatHex(digest.digest()), size);
  }

  public record Digest(String sha256, long size) {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
