package dev.s3csi.validator.spec;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.KeepResources;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.api.WhenIgnored;

/** A run's spec with every default applied and every value typed: what the scenarios work from. */
public record EffectiveSpec(
    String provisioner,
    List<ScenarioName> scenarios,
    S3Settings s3,
    StorageClassSettings storageClass,
    SharedBucketSettings sharedBucket,
    ConcurrentSettings concurrentVolumes,
    InvalidParameterSettings invalidParameters,
    ProbeSettings probe,
    StepTimeouts timeouts,
    KeepResources keepResources,
    long ttlSecondsAfterFinished) {

  public record S3Settings(
      URI endpoint, String region, boolean pathStyle, String secretName, String secretNamespace) {}

  public record StorageClassSettings(Map<String, String> parameters, List<String> mountOptions) {}

  /**
   * @param bucketName the shared bucket, or null for the run's own {@code pval-<run id>-shared}
   */
  public record SharedBucketSettings(
      String bucketName, boolean create, SharedBucketMode mode, int volumes) {}

  public record ConcurrentSettings(int count, int podsPerVolume) {}

  public record InvalidParameterSettings(List<InvalidCase> cases, WhenIgnored whenIgnored) {}

  /**
   * A configuration the driver must refuse; {@code parameters} go on top of the StorageClass
   * template's.
   *
   * @param expectedCause what the refusal's error must contain, or null for any non-retryable
   *     refusal
   */
  public record InvalidCase(
      String name, Map<String, String> parameters, String accessMode, String expectedCause) {}

  public record ProbeSettings(
      String image, Map<String, String> nodeSelector, long runAsUser, List<Long> fileSizes) {}

  public record StepTimeouts(
      Duration bind,
      Duration podReady,
      Duration objectVisible,
      Duration deletion,
      Duration refusalSettle,
      Duration run) {}
}
