package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** The bucket the sharedBucket scenario puts its volumes in, each under its own prefix. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SharedBucketSpec {

  @JsonPropertyDescription(
      "Bucket the volumes share. Default: pval-<run id>-shared, created and deleted by the run.")
  @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
  private String bucketName;

  @JsonPropertyDescription(
      "Create the bucket when it does not exist (and delete it at the end). Default: true.")
  private Boolean create;

  @JsonPropertyDescription("Auto (default), Dynamic or Static: how the volumes are provisioned.")
  private SharedBucketMode mode;

  @JsonPropertyDescription("Volumes sharing the bucket, each under its own prefix. Default: 2.")
  @Min(2)
  @Max(10)
  private Long volumes;

  public String getBucketName() {
    return bucketName;
  }

  public void setBucketName(String bucketName) {
    this.bucketName = bucketName;
  }

  public Boolean getCreate() {
    return create;
  }

  public void setCreate(Boolean create) {
    this.create = create;
  }

  public SharedBucketMode getMode() {
    return mode;
  }

  public void setMode(SharedBucketMode mode) {
    this.mode = mode;
  }

  public Long getVolumes() {
    return volumes;
  }

  public void setVolumes(Long volumes) {
    this.volumes = volumes;
  }
}
