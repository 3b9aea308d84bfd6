package dev.s3csi.validator.s3;

import dev.s3csi.validator.spec.EffectiveSpec.S3Settings;

/**
 * What the validator's S3 identity needs when the driver's buckets answer it 403: the validator's
 * own lack of access, to be told as such, never as a failure of the driver.
 */
public final class DriverBucketAccess {
  private DriverBucketAccess() {}

  /** The grant to ask for, naming the Secret whose identity lacks it. */
  public static String whatToGrant(S3Settings s3) {
    return "grant the S3 identity of Secret "
        + s3.secretNamespace()
        + "/"
        + s3.secretName()
        + " (spec.s3.credentialsSecretRef) s3:ListAllMyBuckets, and s3:ListBucket, s3:GetObject,"
        + " s3:PutObject, s3:DeleteObject and s3:DeleteBucket on the buckets the driver creates,"
        + " or reference a Secret of the account the driver creates them with (the StorageClass's"
        + " provisioner Secret, else the driver's own); nothing here shows a fault of the driver";
  }
}
