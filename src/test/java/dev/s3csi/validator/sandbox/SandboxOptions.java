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
 */
public record SandboxOptions(DriverProfile profile, Set<Fault> faults, String accessKey, String secretKey) {
  public static final String DEFAULT_ACCESS_KEY = "pvalaccess";
  public static final String DEFAULT_SECRET_KEY = "pvalsecret";

  public SandboxOptions {
    faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
  }

  public static SandboxOptions defaults() {
    return new SandboxOptions(DriverProfile.SEED, Set.of(), DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
  }

  public SandboxOptions withProfile(DriverProfile newProfile) {
    return new SandboxOptions(newProfile, faults, accessKey, secretKey);
  }

  public SandboxOptions withFaults(Set<Fault> newFaults) {
    return new SandboxOptions(profile, newFaults, accessKey, secretKey);
  }

  public SandboxOptions withCredentials(String newAccessKey, String newSecretKey) {
    return new SandboxOptions(profile, faults, newAccessKey, newSecretKey);
  }
}
