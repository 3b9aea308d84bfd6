package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** Deadlines of the awaited steps, as durations such as 500ms, 90s, 2m or 1h. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Timeouts {
  public static final String DURATION_PATTERN = "^[0-9]+(ms|s|m|h)$";

  @JsonPropertyDescription("PVC created to Bound. Default: 120s.")
  @Pattern(DURATION_PATTERN)
  private String bind;

  @JsonPropertyDescription("Probe pod created to finished. Default: 180s.")
  @Pattern(DURATION_PATTERN)
  private String podReady;

  @JsonPropertyDescription("Probe finished to its objects visible in S3. Default: 60s.")
  @Pattern(DURATION_PATTERN)
  private String objectVisible;

  @JsonPropertyDescription("Deletion requested to object gone. Default: 120s.")
  @Pattern(DURATION_PATTERN)
  private String deletion;

  @JsonPropertyDescription("Whole run. Default: 15m.")
  @Pattern(DURATION_PATTERN)
  private String run;

  public String getBind() {
    return bind;
  }

  public void setBind(String bind) {
    this.bind = bind;
  }

  public String getPodReady() {
    return podReady;
  }

  public void setPodReady(String podReady) {
    this.podReady = podReady;
  }

  public String getObjectVisible() {
    return objectVisible;
  }

  public void setObjectVisible(String objectVisible) {
    this.objectVisible = objectVisible;
  }

  public String getDeletion() {
    return deletion;
  }

  public void setDeletion(String deletion) {
    this.deletion = deletion;
  }

  public String getRun() {
    return run;
  }

  public void setRun(String run) {
    this.run = run;
  }
}
