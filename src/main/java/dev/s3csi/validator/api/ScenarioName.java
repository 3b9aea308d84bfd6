package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The scenarios a run can execute, named as in the CR. */
public enum ScenarioName {
  @JsonProperty("dedicatedBucket")
  DEDICATED_BUCKET("dedicatedBucket", "dedicated"),
  @JsonProperty("sharedBucket")
  SHARED_BUCKET("sharedBucket", "shared"),
  @JsonProperty("deleteReclaim")
  DELETE_RECLAIM("deleteReclaim", "reclaim"),
  @JsonProperty("storageClassOptions")
  STORAGE_CLASS_OPTIONS("storageClassOptions", "options"),
  @JsonProperty("invalidParameters")
  INVALID_PARAMETERS("invalidParameters", "invalid"),
  @JsonProperty("concurrentVolumes")
  CONCURRENT_VOLUMES("concurrentVolumes", "concurrent");

  private final String wireName;
  private final String shortName;

  ScenarioName(String wireName, String shortName) {
    this.wireName = wireName;
    this.shortName = shortName;
  }

  /** The name used in the CR, in events and as the metric label. */
  public String wireName() {
    return wireName;
  }

  /** A DNS-label-safe fragment for the names of the objects the scenario creates. */
  public String shortName() {
    return shortName;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
