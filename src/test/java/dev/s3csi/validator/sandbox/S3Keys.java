package dev.s3csi.validator.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * One S3 account's key pair, and the Secret keys the Scality driver reads it from ({@code
 * access_key_id}, {@code secret_access_key}: its constants.go, for the Helm secret, provisioner and
 * node-publish Secrets alike).
 */
public record S3Keys(String accessKeyId, String secretAccessKey) {
  public static final String ACCESS_KEY_ID = "access_key_id";
  public static final String SECRET_ACCESS_KEY = "secret_access_key";

  /** The data of a Secret holding this pair, base64 as the API server stores it. */
  public Map<String, String> secretData() {
    Base64.Encoder base64 = Base64.getEncoder();
    return Map.of(
        ACCESS_KEY_ID,
        base64.encodeToString(accessKeyId.getBytes(StandardCharsets.UTF_8)),
        SECRET_ACCESS_KEY,
        base64.encodeToString(secretAccessKey.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "S3Keys[" + accessKeyId + ", secret redacted]";
  }
}
