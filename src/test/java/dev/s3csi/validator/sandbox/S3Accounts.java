package dev.s3csi.validator.sandbox;

/**
 * Who owns what in the sandbox's S3. The driver always uses the account of its Helm Secret; the
 * Secret the cluster's users are given (the one runs reference) names either that same account or
 * an account of its own, which sees none of the driver's buckets (403 on HeadBucket, absent from
 * ListBuckets), as when a team's S3 user is not the driver's.
 */
public enum S3Accounts {
  SHARED,
  SEPARATE;

  /** The users' own account under SEPARATE. */
  public static final S3Keys USERS_OWN = new S3Keys("pvalusers", "pvaluserssecret");

  public String cliName() {
    return CliNames.of(this);
  }

  public static S3Accounts byCliName(String name) {
    return CliNames.parse(values(), name, "S3 accounts");
  }
}
