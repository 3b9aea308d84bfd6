package dev.s3csi.validator.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two accounts on one server behave as two S3 accounts do: each sees only its own buckets. */
class S3ServerTest {
  static final S3Keys DRIVER = new S3Keys("driveraccess", "driversecret");
  static final S3Keys USERS = new S3Keys("usersaccess", "userssecret");
  static S3Server server;
  static S3Client driver;
  static S3Client users;

  @BeforeAll
  static void start() {
    server = S3Server.start(DRIVER, USERS);
    driver = S3Clients.standard(server.endpoint(), DRIVER);
    users = S3Clients.standard(server.endpoint(), USERS);
    create(driver, "csi-s3-of-the-driver");
    create(users, "of-the-users");
  }

  /** Idempotent: on a loaded machine the SDK may retry a CreateBucket that had succeeded. */
  static void create(S3Client s3, String bucket) {
    try {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      // Made by the first attempt.
    }
  }

  @AfterAll
  static void stop() {
    driver.close();
    users.close();
    server.close();
  }

  @Test
  void anotherAccountsBucketAnswers403NotMissing() {
    assertThat(S3Buckets.head(users, "csi-s3-of-the-driver")).isEqualTo(S3Buckets.Head.FORBIDDEN);
    assertThat(S3Buckets.head(driver, "csi-s3-of-the-driver")).isEqualTo(S3Buckets.Head.EXISTS);
    assertThat(S3Buckets.head(users, "nobody-made-this")).isEqualTo(S3Buckets.Head.MISSING);
    assertThatThrownBy(() -> users.listObjectsV2(b -> b.bucket("csi-s3-of-the-driver")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
  }

  @Test
  void listBucketsListsOnlyTheCallersWhileTheServerSeesAll() {
    assertThat(users.listBuckets().buckets())
        .extracting(Bucket::name)
        .containsExactly("of-the-users");
    assertThat(driver.listBuckets().buckets())
        .extracting(Bucket::name)
        .containsExactly("csi-s3-of-the-driver");
    assertThat(server.bucketNames()).contains("csi-s3-of-the-driver", "of-the-users");
  }

  @Test
  void unknownKeysAreRefused() {
    try (S3Client stranger =
        S3Clients.standard(server.endpoint(), new S3Keys("stranger", "strangersecret"))) {
      assertThatThrownBy(stranger::listBuckets)
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }
}
