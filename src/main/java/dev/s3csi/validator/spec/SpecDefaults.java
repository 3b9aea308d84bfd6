package dev.s3csi.validator.spec;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.s3csi.validator.api.ConcurrentVolumesSpec;
import dev.s3csi.validator.api.InvalidParametersSpec;
import dev.s3csi.validator.api.KeepResources;
import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.api.SharedBucketSpec;
import dev.s3csi.validator.api.StorageClassTemplate;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.api.WhenIgnored;
import dev.s3csi.validator.spec.EffectiveSpec.ConcurrentSettings;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidCase;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidParameterSettings;
import dev.s3csi.validator.spec.EffectiveSpec.ProbeSettings;
import dev.s3csi.validator.spec.EffectiveSpec.S3Settings;
import dev.s3csi.validator.spec.EffectiveSpec.SharedBucketSettings;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;
import dev.s3csi.validator.spec.EffectiveSpec.StorageClassSettings;

/**
 * The one place spec defaults live. The CR is never rewritten with them, so what the user applied
 * stays what they wrote; the scenarios only ever see the {@link EffectiveSpec}.
 */
public final class SpecDefaults {
  public static final String PROVISIONER = "s3.csi.scality.com";
  public static final String REGION = "us-east-1";
  public static final long RUN_AS_USER = 65532;
  public static final List<Long> FILE_SIZES = List.of(0L, 4096L, 8L * 1024 * 1024);
  public static final long TTL_SECONDS_AFTER_FINISHED = 86_400;
  static final String BIND = "120s";
  static final String POD_READY = "180s";
  static final String OBJECT_VISIBLE = "60s";
  static final String DELETION = "120s";

  /**
   * The driver's own e2e suite holds a refused PVC Pending for 30 s ("Consistently", in
   * dynamic_provisioning_rbac.go); in that time external-provisioner retries four times (after 1,
   * 2, 4 and 8 s, then 16 s), so a failure that clears on its own shows as a binding.
   */
  static final String REFUSAL_SETTLE = "30s";

  static final String RUN = "15m";
  public static final int SHARED_VOLUMES = 2;
  public static final int CONCURRENT_COUNT = 5;
  public static final int PODS_PER_VOLUME = 2;

  /**
   * The access mode of an invalid case that names none: the one every PVC of the validator asks
   * (kube.ClaimFactory.RWX), so that only the case's parameters make it invalid.
   */
  public static final String ACCESS_MODE = "ReadWriteMany";

  /** A Secret no run creates: the default "missing provisioner secret" case refers to it. */
  public static final String MISSING_SECRET = "pval-missing-secret";

  private final String defaultProbeImage;

  /**
   * @param defaultProbeImage the operator's own image, which carries the probe subcommand
   */
  public SpecDefaults(String defaultProbeImage) {
    this.defaultProbeImage = Objects.requireNonNull(defaultProbeImage);
  }

  /**
   * Applies the defaults. The spec must have passed {@code SpecValidator}: values are parsed, not
   * checked, here.
   */
  public EffectiveSpec apply(ValidationSpec spec, String runNamespace) {
    ValidationSpec given = spec == null ? new ValidationSpec() : spec;
    return new EffectiveSpec(
        or(given.getProvisioner(), PROVISIONER),
        given.getScenarios() == null ? ScenarioName.defaults() : List.copyOf(given.getScenarios()),
        s3(given.getS3(), runNamespace),
        storageClass(given.getStorageClass()),
        sharedBucket(given.getSharedBucket()),
        concurrent(given.getConcurrentVolumes()),
        invalidParameters(given.getInvalidParameters(), runNamespace),
        probe(given.getProbe()),
        timeouts(given.getTimeouts()),
        or(given.getKeepResources(), KeepResources.Never),
        ttlSecondsAfterFinished(given));
  }

  /** The TTL alone, for finished runs whose spec may not even be valid. */
  public static long ttlSecondsAfterFinished(ValidationSpec spec) {
    return spec == null
        ? TTL_SECONDS_AFTER_FINISHED
        : or(spec.getTtlSecondsAfterFinished(), TTL_SECONDS_AFTER_FINISHED);
  }

  private static S3Settings s3(S3Spec s3, String runNamespace) {
    S3Spec given = s3 == null ? new S3Spec() : s3;
    Optional<SecretReference> ref = Optional.ofNullable(given.getCredentialsSecretRef());
    return new S3Settings(
        given.getEndpoint() == null ? null : URI.create(given.getEndpoint()),
        or(given.getRegion(), REGION),
        or(given.getPathStyle(), true),
        ref.map(SecretReference::getName).orElse(null),
        ref.map(SecretReference::getNamespace).orElse(runNamespace));
  }

  private static StorageClassSettings storageClass(StorageClassTemplate template) {
    StorageClassTemplate given = template == null ? new StorageClassTemplate() : template;
    return new StorageClassSettings(
        Map.copyOf(or(given.getParameters(), Map.of())),
        List.copyOf(or(given.getMountOptions(), List.of())));
  }

  private static SharedBucketSettings sharedBucket(SharedBucketSpec shared) {
    SharedBucketSpec given = shared == null ? new SharedBucketSpec() : shared;
    return new SharedBucketSettings(
        given.getBucketName(),
        or(given.getCreate(), true),
        or(given.getMode(), SharedBucketMode.Auto),
        or(given.getVolumes(), (long) SHARED_VOLUMES).intValue());
  }

  private static ConcurrentSettings concurrent(ConcurrentVolumesSpec concurrent) {
    ConcurrentVolumesSpec given = concurrent == null ? new ConcurrentVolumesSpec() : concurrent;
    return new ConcurrentSettings(
        or(given.getCount(), (long) CONCURRENT_COUNT).intValue(),
        or(given.getPodsPerVolume(), (long) PODS_PER_VOLUME).intValue());
  }

  /**
   * The seed's cases (invalid bucketNaming, invalid s3Region) and two every CSI driver must refuse:
   * an access mode an RWX-only driver does not offer, and a provisioner secret that does not exist.
   * Each names the cause its refusal must give: the parameter, the access mode (the Scality
   * driver's "only support ReadWriteMany access mode"), the Secret (external-provisioner's "secrets
   * \"…\" not found").
   */
  public static List<InvalidCase> defaultInvalidCases(String runNamespace) {
    return List.of(
        new InvalidCase(
            "invalidBucketNaming",
            Map.of("bucketNaming", "invalid-naming-mode"),
            ACCESS_MODE,
            "bucketNaming"),
        new InvalidCase(
            "invalidS3Region", Map.of("s3Region", "not-a-region"), ACCESS_MODE, "s3Region"),
        new InvalidCase("readWriteOnce", Map.of(), "ReadWriteOnce", "access mode"),
        new InvalidCase(
            "missingProvisionerSecret",
            Map.of(
                SecretParameters.nameKey(SecretParameters.PROVISIONER), MISSING_SECRET,
                SecretParameters.namespaceKey(SecretParameters.PROVISIONER), runNamespace),
            ACCESS_MODE,
            "secrets \"" + MISSING_SECRET + "\" not found"));
  }

  private static InvalidParameterSettings invalidParameters(
      InvalidParametersSpec invalid, String runNamespace) {
    InvalidParametersSpec given = invalid == null ? new InvalidParametersSpec() : invalid;
    List<InvalidCase> cases =
        given.getCases() == null || given.getCases().isEmpty()
            ? defaultInvalidCases(runNamespace)
            : given.getCases().stream()
                .map(
                    c ->
                        new InvalidCase(
                            c.getName(),
                            Map.copyOf(or(c.getParameters(), Map.of())),
                            or(c.getAccessMode(), ACCESS_MODE),
                            c.getExpectedCause()))
                .toList();
    return new InvalidParameterSettings(cases, or(given.getWhenIgnored(), WhenIgnored.Note));
  }

  private ProbeSettings probe(ProbeSpec probe) {
    ProbeSpec given = probe == null ? new ProbeSpec() : probe;
    return new ProbeSettings(
        or(given.getImage(), defaultProbeImage),
        Map.copyOf(or(given.getNodeSelector(), Map.of())),
        or(given.getRunAsUser(), RUN_AS_USER),
        List.copyOf(or(given.getFileSizes(), FILE_SIZES)));
  }

  private static StepTimeouts timeouts(Timeouts timeouts) {
    Timeouts given = timeouts == null ? new Timeouts() : timeouts;
    return new StepTimeouts(
        DurationText.parse(or(given.getBind(), BIND)),
        DurationText.parse(or(given.getPodReady(), POD_READY)),
        DurationText.parse(or(given.getObjectVisible(), OBJECT_VISIBLE)),
        DurationText.parse(or(given.getDeletion(), DELETION)),
        DurationText.parse(or(given.getRefusalSettle(), REFUSAL_SETTLE)),
        DurationText.parse(or(given.getRun(), RUN)));
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
