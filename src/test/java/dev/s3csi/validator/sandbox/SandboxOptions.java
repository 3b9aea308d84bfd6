package dev.s3csi.validator.sandbox;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the sandbox behaves.
 *
 * @param profile the contract the simulated driver follows
 * @param faults what the simulated driver and kubelet get wrong
 * @param accessKey key id of the driver's S3 account (its Helm Secret)
 * @param secretKey secret key of the same
 * @param seed what the sandbox's chaos draws its random numbers from, for repeatable runs
 * @param slowStage what the slow fault adds to each stage
 * @param accounts whether the users' Secret names the driver's account or one of its own
 * @param failedMountDelay how long a failing mount is retried before kubelet reports FailedMount:
 *     none by default; a real node reports a stuck Scality mount after about 2 minutes
 */
public record SandboxOptions(
    DriverProfile profile,
    Set<Fault> faults,
    String accessKey,
    String secretKey,
    long seed,
    Duration slowStage,
    S3Accounts accounts,
    Duration failedMountDelay) {
  public static final String DEFAULT_ACCESS_KEY = "pvalaccess";
  public static final String DEFAULT_SECRET_KEY = "pvalsecret";

  public SandboxOptions {
    faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
  }

  public static SandboxOptions defaults() {
    return new SandboxOptions(
        DriverProfile.REFERENCE,
        Set.of(),
        DEFAULT_ACCESS_KEY,
        DEFAULT_SECRET_KEY,
        System.nanoTime(),
        Duration.ofMillis(Fault.SLOW_STAGE_MILLIS),
        S3Accounts.SHARED,
        Duration.ZERO);
  }

  /** The keys of the driver's account: its Helm Secret's. */
  public S3Keys driverKeys() {
    return new S3Keys(accessKey, secretKey);
  }

  /** The keys of the Secret the cluster's users are given, the one runs reference. */
  public S3Keys usersKeys() {
    return accounts == S3Accounts.SEPARATE ? S3Accounts.USERS_OWN : driverKeys();
  }

  public SandboxOptions withProfile(DriverProfile newProfile) {
    return new SandboxOptions(
        newProfile, faults, accessKey, secretKey, seed, slowStage, accounts, failedMountDelay);
  }

  public SandboxOptions withFaults(Set<Fault> newFaults) {
    return new SandboxOptions(
        profile, newFaults, accessKey, secretKey, seed, slowStage, accounts, failedMountDelay);
  }

  public SandboxOptions withCredentials(String newAccessKey, String newSecretKey) {
    return new SandboxOptions(
        profile, faults, newAccessKey, newSecretKey, seed, slowStage, accounts, failedMountDelay);
  }

  public SandboxOptions withSeed(long newSeed) {
    return new SandboxOptions(
        profile, faults, accessKey, secretKey, newSeed, slowStage, accounts, failedMountDelay);
  }

  public SandboxOptions withSlowStage(Duration newSlowStage) {
    return new SandboxOptions(
        profile, faults, accessKey, secretKey, seed, newSlowStage, accounts, failedMountDelay);
  }

  public SandboxOptions withAccounts(S3Accounts newAccounts) {
    return new SandboxOptions(
        profile, faults, accessKey, secretKey, seed, slowStage, newAccounts, failedMountDelay);
  }

  public SandboxOptions withFailedMountDelay(Duration newDelay) {
    return new SandboxOptions(
        profile, faults, accessKey, secretKey, seed, slowStage, accounts, newDelay);
  }
}
