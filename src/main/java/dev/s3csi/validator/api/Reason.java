package dev.s3csi.validator.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

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
  /**
   * The validator's S3 identity may not see a bucket the driver made (403): its own lack of access,
   * not a fault of the driver.
   */
  DriverBucketsNotVisible,
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
  /** reclaimPolicy Retain: the PV or the bucket (or its content) went when the PVC did. */
  RetainNotHonoured,
  /**
   * volumeBindingMode WaitForFirstConsumer: the PVC was bound (its volume provisioned) while no pod
   * used it.
   */
  BoundWithoutConsumer,
  /** A pod mounting its volume read-only could write through it, or an object appeared in S3. */
  ReadOnlyNotEnforced,
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
  NonEmptyBucketRetained,
  /**
   * A note, not a failure (unless spec.invalidParameters.whenIgnored is Fail): the driver bound an
   * invalid case and none of its parameters left a trace on the volume.
   */
  InvalidParameterIgnored;

  /** The reasons a scenario can record as a note (SharedBucketUnsupported is also a failure). */
  public static final Set<Reason> NOTES =
      Collections.unmodifiableSet(
          EnumSet.of(
              SharedBucketUnsupported,
              ParametersIgnored,
              NonEmptyBucketRetained,
              InvalidParameterIgnored));
}
