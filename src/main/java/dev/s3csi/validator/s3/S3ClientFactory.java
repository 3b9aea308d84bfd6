package dev.s3csi.validator.s3;

import java.time.Duration;

import dev.s3csi.validator.spec.EffectiveSpec.S3Settings;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** S3 clients for S3-compatible endpoints such as Scality RING/CloudServer and S3Proxy. */
public final class S3ClientFactory {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  private S3ClientFactory() {}

  public static S3Client create(S3Settings settings, S3Credentials credentials) {
    return builder(settings, credentials).build();
  }

  /** The validator's client settings, for callers that adjust them before building. */
  public static S3ClientBuilder builder(S3Settings settings, S3Credentials credentials) {
    return S3Client.builder()
        .endpointOverride(settings.endpoint())
        .region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle())
        // Non-AWS endpoints reject the SDK's default flexible checksums (x-amz-content-sha256
        // mismatch on PutObject), so only compute checksums where an operation requires them.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey())))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16))
        .overrideConfiguration(
            c -> c.apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
  }
}
