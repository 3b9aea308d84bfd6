package dev.s3csi.validator.sandbox;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3 clients as the driver builds them (pkg/s3client/client.go): the endpoint of {@code
 * AWS_ENDPOINT_URL}, path-style addressing, region us-east-1 by default.
 */
public final class S3Clients {
  private S3Clients() {}

  /** What the controller (CreateVolume, DeleteVolume) and tests talk to S3 with. */
  public static S3Client standard(URI endpoint, S3Keys keys) {
    return builder(endpoint, keys)
        .overrideConfiguration(
            c ->
                c.apiCallTimeout(Duration.ofSeconds(15))
                    .apiCallAttemptTimeout(Duration.ofSeconds(5)))
        .build();
  }

  /**
   * What simulated mounts reach S3 with: like mountpoint-s3, they retry a failed request for
   * several seconds (up to 10 attempts with backoff) before an I/O error reaches the application.
   */
  public static S3Client mount(URI endpoint, S3Keys keys) {
    return builder(endpoint, keys)
        .overrideConfiguration(
            c ->
                c.apiCallTimeout(Duration.ofSeconds(30))
                    .apiCallAttemptTimeout(Duration.ofSeconds(5))
                    .retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(10)
                            .backoffStrategy(
                                BackoffStrategy.exponentialDelay(
                                    Duration.ofMillis(100), Duration.ofSeconds(1)))
                            .circuitBreakerEnabled(false)
                            .build()))
        .build();
  }

  private static S3ClientBuilder builder(URI endpoint, S3Keys keys) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        // S3Proxy rejects the SDK's default flexible checksums, as other non-AWS servers do.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16));
  }
}
