package dev.s3csi.validator.api;

/**
 * Why a scenario failed. A bounded set: it is also a metric label. docs/failure-reasons.md has a
 * runbook line for each value.
 */
public enum Reason {
  InvalidSpec,
  S3Unavailable,
  ProvisioningTimeout,
  ProvisioningFailed,
  PVAttributesInvalid,
  BucketMissing,
  MountFailed,
  ProbeFailed,
  ObjectMissing,
  DataMismatch,
  DeletionTimeout,
  CleanupFailed,
  RunTimeout
}
