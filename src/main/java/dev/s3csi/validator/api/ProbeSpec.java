package dev.s3csi.validator.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;

/** The pod that mounts a volume and writes and reads files through it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeSpec {

  @JsonPropertyDescription("Image with the validator's probe subcommand. Default: the operator's own image.")
  private String image;

  @JsonPropertyDescription("Node selector of probe pods.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("UID and GID the probe runs as (non-root). Default: 65532.")
  @Min(1)
  private Long runAsUser;

  @JsonPropertyDescription("Sizes in bytes of the files the probe writes. Default: [0, 4096, 8388608].")
  private List<Long> fileSizes;

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
