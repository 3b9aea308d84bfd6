package dev.s3csi.validator.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which contract the simulated driver follows. */
public enum DriverProfile {
  /**
   * The full contract the driver's dynamic-provisioning e2e suite assumes, which the six scenarios
   * were written from: {@code bucketNaming: dedicated|shared} (shared: the bucket from {@code
   * bucketName}, a unique prefix per PVC recorded in the PV's volumeAttributes), {@code s3Region}
   * honoured and validated; invalid values are refused with ProvisioningFailed; DeleteVolume
   * deletes a dedicated bucket with its content and a shared volume's prefix.
   */
  REFERENCE,
  /**
   * Scality driver 2.2 as documented: reads only the csi.storage.k8s.io/*-secret-* parameters and
   * silently ignores the rest, gives every PVC a new csi-s3-&lt;uuid&gt; bucket, accepts only
   * ReadWriteMany, and deletes only empty buckets on DeleteVolume, never reporting a failure.
   */
  SCALITY;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DriverProfile byCliName(String name) {
    return Arrays.stream(values())
        .filter(p -> p.cliName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown profile '"
                        + name
                        + "'; known: "
                        + Arrays.stream(values())
                            .map(DriverProfile::cliName)
                            .collect(Collectors.joining(", "))));
  }
}
