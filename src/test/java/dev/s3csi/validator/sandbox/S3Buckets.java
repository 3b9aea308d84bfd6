package dev.s3csi.validator.sandbox;

import java.util.List;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The few bucket operations the simulated driver makes, with one account's client. */
final class S3Buckets {
  private S3Buckets() {}

  /** What HeadBucket says of a bucket: there, absent (404), or another account's (403). */
  enum Head {
    EXISTS,
    MISSING,
    FORBIDDEN
  }

  static Head head(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return Head.EXISTS;
    } catch (NoSuchBucketException e) {
      return Head.MISSING;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Head.MISSING;
      }
      if (e.statusCode() == 403) {
        return Head.FORBIDDEN;
      }
      throw e;
    }
  }

  /** Deletes every object under {@code prefix} ("" for all). */
  static void deleteObjects(S3Client s3, String bucket, String prefix) {
    List<S3Object> objects =
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
            .toList();
    for (S3Object object : objects) {
      s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
    }
  }

  /** Deletes the objects, then the bucket: the reference driver's DeleteVolume. */
  static void emptyAndDelete(S3Client s3, String bucket) {
    deleteObjects(s3, bucket, "");
    s3.deleteBucket(b -> b.bucket(bucket));
  }
}
