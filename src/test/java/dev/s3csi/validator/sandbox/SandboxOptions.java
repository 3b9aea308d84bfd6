package dev.s3csi.validator.sandbox;

import java.util.EnumSet;
import java.util.Set;

/**
 * How the sandbox behaves.
 *
 * @param profile the contract the simulated driver follows
 * @param faults what the simulated driver and kubelet get wrong
 * @param accessKey key id of the sandbox S3 and of the Secret runs reference
 * @param secretKey secret key of the same
 * @param seed what the sandbox's chaos draws its random numbers from, for repeatable runs
 */
public record SandboxOptions(DriverProfile profile, Set<Fault> faults, String accessKey, String secretKey, long seed) {
  public static final String DEFAULT_ACCESS_KEY = "pvalaccess";
  public static final String DEFAULT_SECRET_KEY = "pvalsecret";

  public SandboxOptions {
    faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
  }

  public static SandboxOptions defaults() {
    return new SandboxOptions(DriverProfile.SEED, Set.of(), DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, System.nanoTime());
  }

  public SandboxOptions withProfile(DriverProfile newProfile) {
    return new SandboxOptions(newProfile, faults, accessKey, secretKey, seed);
  }

  public SandboxOptions withFaults(Set<Fault> newFaults) {
    return new SandboxOptions(profile, newFaults, accessKey, secretKey, seed);
  }

  public SandboxOptions withCredentials(String newAccessKey, String newSecretKey) {
    return new SandboxOptions(profile, faults, newAccessKey, newSecretKey, seed);
  }

  public SandboxOptions withSeed(long newSeed) {
    return new SandboxOptions(profile, faults, accessKey, secretKey, newSeed);
  }
}
