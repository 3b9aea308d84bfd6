package dev.s3csi.validator.s3;

/**
 * S3 keys read from a Secret. {@link #toString()} never shows them, so no log line can leak them.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey) {
  public static final String ACCESS_KEY_ID = "access_key_id";
  public static final String SECRET_ACCESS_KEY = "secret_access_key";

  @Override
  public String toString() {
    return "S3Credentials[redacted]";
  }
}
