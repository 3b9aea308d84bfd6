package dev.s3csi.validator.api;

/**
 * How the sharedBucket scenario provisions its volumes. {@code Auto} tries dynamic provisioning and
 * falls back to static PVs when the driver ignores the shared-bucket parameters; the scenario's
 * status records which of {@code Dynamic} and {@code Static} ran.
 */
public enum SharedBucketMode {
  Auto,
  Dynamic,
  Static
}
