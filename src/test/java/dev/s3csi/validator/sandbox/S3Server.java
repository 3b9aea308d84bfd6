package dev.s3csi.validator.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import dev.s3csi.validator.s3.S3ClientFactory;
import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.spec.EffectiveSpec.S3Settings;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server on a loopback port (S3Proxy over an in-memory store), for both worlds: in the
 * sandbox the simulated driver and kubelet use it, in the real world the real driver's controller
 * does. It can go away and come back on the same port with what it held.
 */
public final class S3Server implements AutoCloseable {
  private final BlobStoreContext blobStore;
  private final String accessKey;
  private final String secretKey;
  private final int port;
  private volatile S3Proxy proxy;
  private final S3Client client;

  private S3Server(String accessKey, String secretKey) throws Exception {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    blobStore =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(new Properties())
            .build(BlobStoreContext.class);
    proxy = startProxy(0);
    port = proxy.getPort();
    client = S3ClientFactory.create(settings(null, null), credentials());
  }

  /** The server, accepting requests signed with this key pair. */
  public static S3Server start(String accessKey, String secretKey) {
    try {
      return new S3Server(accessKey, secretKey);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
  }

  private S3Proxy startProxy(int onPort) throws Exception {
    S3Proxy started =
        S3Proxy.builder()
            .blobStore(blobStore.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + onPort))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    started.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(started.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + started.getState());
      }
      Thread.sleep(5);
    }
    return started;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public S3Credentials credentials() {
    return new S3Credentials(accessKey, secretKey);
  }

  /** How a client of this server is configured, with the Secret that holds its keys. */
  public S3Settings settings(String secretName, String secretNamespace) {
    return new S3Settings(endpoint(), "us-east-1", true, secretName, secretNamespace);
  }

  /** The server as an administrator sees it, for audits and tests that inspect buckets directly. */
  public S3Client client() {
    return client;
  }

  /**
   * What simulated mounts reach S3 with: like mountpoint-s3, they retry a failed request for
   * several seconds (up to 10 attempts with backoff) before an I/O error reaches the application.
   */
  public S3Client mountClient() {
    return S3ClientFactory.builder(settings(null, null), credentials())
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

  public List<String> bucketNames() {
    return client.listBuckets().buckets().stream().map(b -> b.name()).toList();
  }

  /**
   * S3 goes away: connections to its port are refused until {@link #restart()}. Objects are kept.
   */
  public synchronized void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    }
  }

  /** S3 is back, on the same port, with what it held. */
  public synchronized void restart() {
    try {
      proxy = startProxy(port);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not restart on port " + port, e);
    }
  }

  @Override
  public void close() {
    client.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      // Shutting down anyway.
    }
    blobStore.close();
  }
}
