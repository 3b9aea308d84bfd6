package dev.s3csi.validator.api;

/**
 * Why a scenario failed, or what a note on a passed scenario reports. A bounded set: it is also a
 * metric label. docs/failure-reasons.md has a runbook line for each value.
 */
public enum Reason {
  InvalidSpec,
  DriverNotInstalled,
  S3Unavailable,
  ProvisioningTimeout,
  ProvisioningFailed,
  PVAttributesInvalid,
  BucketMissing,
  MountFailed,
  ProbeFailed,
  ObjectMissing,
  DataMismatch,
  MountOptionsNotApplied,
  PrefixIsolationBroken,
  SharedBucketUnsupported,
  InvalidParameterAccepted,
  DeletionTimeout,
  BucketLeaked,
  OrphanBuckets,
  CleanupFailed,
  RunTimeout,
  /**
   * The API server refused a request a step made (a quota, an admission webhook, RBAC, an invalid
   * object), or kept refusing it for now until the step's deadline.
   */
  RequestRefused,
  /**
   * The run was planned by an operator whose scenario had other steps (an upgrade mid-run): it
   * cannot resume.
   */
  PlanChanged,
  /** A note, not a failure: a StorageClass parameter left no trace on the volume. */
  ParametersIgnored,
  /**
   * A note, not a failure: the driver kept a bucket that held objects (documented Scality
   * behaviour).
   */
  NonEmptyBucketRetained
}
