package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * How many volumes the concurrentVolumes scenario provisions at once, and how many pods share each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConcurrentVolumesSpec {

  @JsonPropertyDescription("PVCs created at once. Default: 5.")
  @Min(1)
  @Max(50)
  private Long count;

  @JsonPropertyDescription(
      "Probe pods per volume, started at once, each writing its own files. Default: 2.")
  @Min(1)
  @Max(10)
  private Long podsPerVolume;

  public Long getCount() {
    return count;
  }

  public void setCount(Long count) {
    this.count = count;
  }

  public Long getPodsPerVolume() {
    return podsPerVolume;
  }

  public void setPodsPerVolume(Long podsPerVolume) {
    this.podsPerVolume = podsPerVolume;
  }
}
