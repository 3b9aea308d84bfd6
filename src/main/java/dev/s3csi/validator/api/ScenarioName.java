package dev.s3csi.validator.api;

import java.util.Arrays;
import java.util.List;

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
  CONCURRENT_VOLUMES("concurrentVolumes", "concurrent"),
  /** Not in the default run: a run that lists no scenarios runs the seed's six. */
  @JsonProperty("retainReclaim")
  RETAIN_RECLAIM("retainReclaim", "retain", false),
  /** Not in the default run. */
  @JsonProperty("waitForFirstConsumer")
  WAIT_FOR_FIRST_CONSUMER("waitForFirstConsumer", "consumer", false),
  /** Not in the default run. */
  @JsonProperty("readOnlyMount")
  READ_ONLY_MOUNT("readOnlyMount", "readonly", false);

  private final String wireName;
  private final String shortName;
  private final boolean byDefault;

  ScenarioName(String wireName, String shortName) {
    this(wireName, shortName, true);
  }

  ScenarioName(String wireName, String shortName, boolean byDefault) {
    this.wireName = wireName;
    this.shortName = shortName;
    this.byDefault = byDefault;
  }

  /** What a run that lists no scenarios runs. */
  public static List<ScenarioName> defaults() {
    return Arrays.stream(values()).filter(s -> s.byDefault).toList();
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
