package dev.s3csi.validator.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;

/**
 * An S3 server on a loopback port (S3Proxy over an in-memory store), for both worlds: in the
 * sandbox the simulated driver and kubelet use it, in the real world the real driver's controller
 * does. It serves one or more accounts, each seeing only its own buckets ({@link AccountView}), as
 * the two accounts of the driver's e2e CloudServer do. It can go away and come back on the same
 * port with what it held.
 */
public final class S3Server implements AutoCloseable {
  private final BlobStoreContext blobStore;
  private final Map<String, S3Keys> accounts;
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private final int port;
  private volatile S3Proxy proxy;

  private S3Server(List<S3Keys> accounts) throws Exception {
    this.accounts =
        accounts.stream()
            .collect(Collectors.toMap(S3Keys::accessKeyId, Function.identity(), (a, b) -> a));
    blobStore =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(new Properties())
            .build(BlobStoreContext.class);
    proxy = startProxy(0);
    port = proxy.getPort();
  }

  /** The server, with one account per key pair (the same pair twice is one account). */
  public static S3Server start(S3Keys... accounts) {
    try {
      return new S3Server(List.of(accounts));
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
  }

  private S3Proxy startProxy(int onPort) throws Exception {
    S3Proxy started =
        S3Proxy.builder()
            .blobStore(blobStore.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + onPort))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "unused", "unused")
            .build();
    // Requests are signed by one of the accounts; each gets its own view of the one store.
    started.setBlobStoreLocator(
        (identity, bucket, blob) -> {
          S3Keys keys = identity == null ? null : accounts.get(identity);
          return keys == null
              ? null
              : Map.entry(
                  keys.secretAccessKey(),
                  AccountView.of(blobStore.getBlobStore(), identity, owners));
        });
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

  /** Every bucket, whichever account owns it: what an audit of the store sees. */
  public List<String> bucketNames() {
    BlobStore store = blobStore.getBlobStore();
    return store.list().stream().map(StorageMetadata::getName).sorted().toList();
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
    try {
      proxy.stop();
    } catch (Exception e) {
      // Shutting down anyway.
    }
    blobStore.close();
  }
}
