package dev.s3csi.validator.sandbox;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Failures the sandbox injects, each one a way real provisioning breaks. */
public enum Fault {
  /** The driver's controller is not running: PVCs are never provisioned, no event says why. */
  DRIVER_DOWN,
  /** The driver's own S3 credentials are wrong: CreateBucket answers 403, ProvisioningFailed. */
  BAD_CREDENTIALS,
  /** The PV names a bucket that was never created. */
  BUCKET_MISSING,
  /** The PV's volumeAttributes.bucketName differs from its volumeHandle. */
  WRONG_PV_ATTRIBUTES,
  /** Every mount fails (mountpoint-s3 gets Access Denied): FailedMount, the pod never starts. */
  MOUNT_FAILS,
  /** Writes through the mount succeed, but the object never reaches S3. */
  WRITE_LOST,
  /** The object that reaches S3 differs from what was written. */
  DATA_CORRUPT,
  /** The driver does not copy the StorageClass's mount options to the PV. */
  MOUNT_OPTIONS_DROPPED,
  /** The mount ignores its prefix: a volume sees, and writes into, the whole bucket. */
  PREFIX_LEAK,
  /**
   * WaitForFirstConsumer is ignored: a PVC of such a StorageClass is provisioned and bound as soon
   * as it exists, before any pod uses it (and its bucket created then).
   */
  WFFC_IGNORED,
  /**
   * The node mounts every volume read-write, even for a pod that asks for its PVC read-only: writes
   * through it succeed and reach S3.
   */
  READ_ONLY_IGNORED,
  /** The driver never deletes the PV of a deleted PVC (controller stuck). */
  PV_NOT_DELETED,
  /**
   * DeleteVolume leaves even an empty bucket behind, and reports success (as the real driver does
   * on AccessDenied).
   */
  BUCKET_LEAKED,
  /** Each CreateVolume first times out after creating a bucket; the retry creates another. */
  ORPHAN_BUCKET,
  /**
   * The runs' namespace has a ResourceQuota that allows no PVCs: the API server refuses every PVC
   * with 403 "exceeded quota", as a real cluster does when other workloads used the quota up.
   */
  QUOTA_EXHAUSTED,

  /**
   * Each PVC's first CreateVolume times out before the driver did anything (a slow S3, a busy
   * controller): external-provisioner reports DeadlineExceeded as ProvisioningFailed and retries,
   * and the retry gets the driver's real answer. A validator must not take the timeout for a
   * refusal.
   */
  PROVISION_TIMEOUT_ONCE,
  /**
   * Every stage (provision, mount, delete) takes longer: {@link #SLOW_STAGE_MILLIS} unless the
   * sandbox is given another latency ({@link SandboxOptions#withSlowStage}).
   */
  SLOW;

  public static final long SLOW_STAGE_MILLIS = 600;

  /** The name used on the command line, e.g. {@code write-lost}. */
  public String cliName() {
    return CliNames.of(this);
  }

  public static Set<Fault> parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return EnumSet.noneOf(Fault.class);
    }
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .map(Fault::byCliName)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Fault.class)));
  }

  private static Fault byCliName(String name) {
    return CliNames.parse(values(), name, "fault");
  }
}
