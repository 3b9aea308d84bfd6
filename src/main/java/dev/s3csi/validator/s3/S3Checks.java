package dev.s3csi.validator.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.s3csi.validator.probe.ProbeContent;
import dev.s3csi.validator.probe.ProbeContent.Digest;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the validator asks of S3 directly. Answers that settle a question come back as values; S3
 * being unreachable or failing comes back as {@link S3UnavailableException}, to be retried.
 */
public final class S3Checks implements AutoCloseable {
  private static final int NOT_FOUND = 404;
  private static final int FORBIDDEN = 403;

  /** Asked about when nothing else is known: any answer at all, even 404, means S3 is there. */
  private static final String REACHABILITY_BUCKET = "pval-reachability-check";

  private final Supplier<S3Client> connect;
  private S3Client s3;

  public S3Checks(S3Client s3) {
    this(() -> s3);
  }

  /**
   * @param connect builds the client on first use; when it cannot (the credentials Secret is gone,
   *     say), every check fails as S3 being unavailable, to be retried, never concluded
   */
  public S3Checks(Supplier<S3Client> connect) {
    this.connect = connect;
  }

  private synchronized S3Client s3() {
    if (s3 == null) {
      try {
        s3 = connect.get();
      } catch (RuntimeException e) {
        throw new S3UnavailableException("no S3 client: " + e.getMessage(), e);
      }
    }
    return s3;
  }

  /** Why S3 does not answer right now, or empty when it does (whatever it answers). */
  public Optional<String> unreachable() {
    try {
      headBucket(REACHABILITY_BUCKET);
      return Optional.empty();
    } catch (S3UnavailableException e) {
      return Optional.of(e.getMessage());
    }
  }

  public enum BucketState {
    EXISTS,
    MISSING,
    FORBIDDEN
  }

  public BucketState headBucket(String bucket) {
    return call(
        "HeadBucket " + bucket,
        () -> {
          try {
            s3().headBucket(b -> b.bucket(bucket));
            return BucketState.EXISTS;
          } catch (NoSuchBucketException e) {
            return BucketState.MISSING;
          } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
              return BucketState.MISSING;
            }
            if (e.statusCode() == FORBIDDEN) {
              return BucketState.FORBIDDEN;
            }
            throw e;
          }
        });
  }

  /** The digest of an object's content, or empty if the object (or its bucket) does not exist. */
  public Optional<Digest> digest(String bucket, String key) {
    return call(
        "GetObject " + bucket + "/" + key,
        () -> {
          try (InputStream in = s3().getObject(b -> b.bucket(bucket).key(key))) {
            return Optional.of(ProbeContent.digest(in));
          } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.<Digest>empty();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  public void put(String bucket, String key, byte[] content) {
    call(
        "PutObject " + bucket + "/" + key,
        () -> s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)));
  }

  public List<String> keys(String bucket, String prefix) {
    return call("ListObjectsV2 " + bucket, () -> listKeys(bucket, prefix));
  }

  private List<String> listKeys(String bucket, String prefix) {
    return s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /**
   * Deletes every object of a bucket, then the bucket. Returns the number of objects removed; a
   * bucket that is already gone counts as done.
   */
  public int emptyAndDelete(String bucket) {
    return call(
        "delete bucket " + bucket,
        () -> {
          try {
            int deleted = deleteKeys(bucket, "");
            s3().deleteBucket(b -> b.bucket(bucket));
            return deleted;
          } catch (NoSuchBucketException e) {
            return 0;
          }
        });
  }

  /** Deletes the objects under {@code prefix}; returns how many. A missing bucket holds none. */
  public int deleteObjects(String bucket, String prefix) {
    return call(
        "delete objects " + bucket + "/" + prefix,
        () -> {
          try {
            return deleteKeys(bucket, prefix);
          } catch (NoSuchBucketException e) {
            return 0;
          }
        });
  }

  private int deleteKeys(String bucket, String prefix) {
    List<String> keys = listKeys(bucket, prefix);
    // One DeleteObject per key: DeleteObjects needs a content checksum that not every
    // S3-compatible server accepts, and these buckets hold a handful of objects.
    for (String key : keys) {
      s3().deleteObject(b -> b.bucket(bucket).key(key));
    }
    return keys.size();
  }

  /** Creates a bucket; returns false when it already exists and is ours. */
  public boolean createBucket(String bucket) {
    return call(
        "CreateBucket " + bucket,
        () -> {
          try {
            s3().createBucket(b -> b.bucket(bucket));
            return true;
          } catch (BucketAlreadyOwnedByYouException e) {
            return false;
          }
        });
  }

  /** A bucket as ListBuckets shows it. */
  public record ListedBucket(String name, Instant created) {}

  /** Every bucket the credentials can list, with its creation time (null when S3 gives none). */
  public List<ListedBucket> listBuckets() {
    return call(
        "ListBuckets",
        () ->
            s3().listBuckets().buckets().stream()
                .map(b -> new ListedBucket(b.name(), b.creationDate()))
                .toList());
  }

  private static <T> T call(String operation, Supplier<T> request) {
    try {
      return request.get();
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      throw new S3UnavailableException(
          operation + ": HTTP " + e.statusCode() + (code == null ? "" : " " + code), e);
    } catch (AbortedException e) {
      // Interrupted: the operator is stopping. Not S3's failure, nothing to record as evidence.
      throw e;
    } catch (SdkClientException | UncheckedIOException e) {
      throw new S3UnavailableException(operation + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (s3 != null) {
      s3.close();
    }
  }
}
