package dev.s3csi.validator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What a run validates. Every field is optional; {@code SpecDefaults} fills what is absent, in one
 * place, so the CR stays as the user wrote it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValidationSpec {
  /** As for Jobs: a 32-bit number of seconds (68 years, i.e. "keep"). */
  public static final long MAX_TTL_SECONDS = Integer.MAX_VALUE;

  @JsonPropertyDescription(
      "CSI driver name the generated StorageClasses use. Default: s3.csi.scality.com.")
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @Size(max = 63)
  private String provisioner;

  @JsonPropertyDescription(
      "Scenarios to run, concurrently. Default (field absent): the default six, every scenario"
          + " but retainReclaim, waitForFirstConsumer and readOnlyMount; an empty list is"
          + " refused, as it would run none.")
  @Size(min = 1, max = 32)
  @ValidationRule(
      value = "self.all(s, self.exists_one(t, t == s))",
      message = "must not list a scenario twice")
  private List<ScenarioName> scenarios;

  @JsonPropertyDescription("How the validator itself talks to S3 to check buckets and objects.")
  @Required
  private S3Spec s3;

  @JsonPropertyDescription("What every generated StorageClass carries.")
  private StorageClassTemplate storageClass;

  @JsonPropertyDescription("The bucket the sharedBucket scenario's volumes share.")
  private SharedBucketSpec sharedBucket;

  @JsonPropertyDescription("Size of the concurrentVolumes scenario.")
  private ConcurrentVolumesSpec concurrentVolumes;

  @JsonPropertyDescription("Cases of the invalidParameters scenario.")
  private InvalidParametersSpec invalidParameters;

  @JsonPropertyDescription("The probe pod that writes and reads through the mounted volume.")
  private ProbeSpec probe;

  @JsonPropertyDescription("Deadlines of the awaited steps.")
  private Timeouts timeouts;

  @JsonPropertyDescription(
      "Never (default), OnFailure or Always: when created objects are left for inspection.")
  private KeepResources keepResources;

  @JsonPropertyDescription(
      "Seconds after completion before the finished run is deleted. Default: 86400.")
  @Min(0)
  @Max(MAX_TTL_SECONDS)
  private Long ttlSecondsAfterFinished;

  public String getProvisioner() {
    return provisioner;
  }

  public void setProvisioner(String provisioner) {
    this.provisioner = provisioner;
  }

  public List<ScenarioName> getScenarios() {
    return scenarios;
  }

  public void setScenarios(List<ScenarioName> scenarios) {
    this.scenarios = scenarios;
  }

  public S3Spec getS3() {
    return s3;
  }

  public void setS3(S3Spec s3) {
    this.s3 = s3;
  }

  public StorageClassTemplate getStorageClass() {
    return storageClass;
  }

  public void setStorageClass(StorageClassTemplate storageClass) {
    this.storageClass = storageClass;
  }

  public SharedBucketSpec getSharedBucket() {
    return sharedBucket;
  }

  public void setSharedBucket(SharedBucketSpec sharedBucket) {
    this.sharedBucket = sharedBucket;
  }

  public ConcurrentVolumesSpec getConcurrentVolumes() {
    return concurrentVolumes;
  }

  public void setConcurrentVolumes(ConcurrentVolumesSpec concurrentVolumes) {
    this.concurrentVolumes = concurrentVolumes;
  }

  public InvalidParametersSpec getInvalidParameters() {
    return invalidParameters;
  }

  public void setInvalidParameters(InvalidParametersSpec invalidParameters) {
    this.invalidParameters = invalidParameters;
  }

  public ProbeSpec getProbe() {
    return probe;
  }

  public void setProbe(ProbeSpec probe) {
    this.probe = probe;
  }

  public Timeouts getTimeouts() {
    return timeouts;
  }

  public void setTimeouts(Timeouts timeouts) {
    this.timeouts = timeouts;
  }

  public KeepResources getKeepResources() {
    return keepResources;
  }

  public void setKeepResources(KeepResources keepResources) {
    this.keepResources = keepResources;
  }

  public Long getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Long ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }
}
