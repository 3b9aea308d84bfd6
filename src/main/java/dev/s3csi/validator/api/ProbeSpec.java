package dev.s3csi.validator.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;

/** The pod that mounts a volume and writes and reads files through it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeSpec {
  /** 1 GiB: a probe file is a check, not a benchmark. */
  public static final long MAX_FILE_SIZE = 1L << 30;

  @JsonPropertyDescription(
      "Image with the validator's probe subcommand. Default: the operator's own image.")
  @Size(min = 1, max = 512)
  private String image;

  @JsonPropertyDescription("Node selector of probe pods.")
  @Size(max = 16)
  private Map<String, @Size(max = 63) String> nodeSelector;

  @JsonPropertyDescription("UID and GID the probe runs as (non-root). Default: 65532.")
  @Min(1)
  @Max(Integer.MAX_VALUE)
  private Long runAsUser;

  @JsonPropertyDescription(
      "Sizes in bytes of the files the probe writes. Default: [0, 4096, 8388608].")
  @Size(min = 1, max = 10)
  private List<@Min(0) @Max(MAX_FILE_SIZE) Long> fileSizes;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public Long getRunAsUser() {
    return runAsUser;
  }

  public void setRunAsUser(Long runAsUser) {
    this.runAsUser = runAsUser;
  }

  public List<Long> getFileSizes() {
    return fileSizes;
  }

  public void setFileSizes(List<Long> fileSizes) {
    this.fileSizes = fileSizes;
  }
}
