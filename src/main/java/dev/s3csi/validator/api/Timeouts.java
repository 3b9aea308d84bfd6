package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Deadlines of the awaited steps, as durations such as 500ms, 90s, 2m or 1h. No step may wait
 * longer than the whole run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.bind) || !has(self.run) || duration(self.bind) <= duration(self.run)",
    fieldPath = ".bind",
    message = "must not exceed timeouts.run")
@ValidationRule(
    value =
        "!has(self.podReady) || !has(self.run) || duration(self.podReady) <= duration(self.run)",
    fieldPath = ".podReady",
    message = "must not exceed timeouts.run")
@ValidationRule(
    value =
        "!has(self.objectVisible) || !has(self.run) || duration(self.objectVisible) <= duration(self.run)",
    fieldPath = ".objectVisible",
    message = "must not exceed timeouts.run")
@ValidationRule(
    value =
        "!has(self.deletion) || !has(self.run) || duration(self.deletion) <= duration(self.run)",
    fieldPath = ".deletion",
    message = "must not exceed timeouts.run")
@ValidationRule(
    value =
        "!has(self.refusalSettle) || !has(self.run) || duration(self.refusalSettle) <= duration(self.run)",
    fieldPath = ".refusalSettle",
    message = "must not exceed timeouts.run")
public class Timeouts {
  /** A positive whole number of at most six digits and one unit: also a valid CEL/Go duration. */
  public static final String DURATION_PATTERN = "^[1-9][0-9]{0,5}(ms|s|m|h)$";

  @JsonPropertyDescription("PVC created to Bound. Default: 120s.")
  @Pattern(DURATION_PATTERN)
  @Size(max = 8)
  private String bind;

  @JsonPropertyDescription("Probe pod created to finished. Default: 180s.")
  @Pattern(DURATION_PATTERN)
  @Size(max = 8)
  private String podReady;

  @JsonPropertyDescription("Probe finished to its objects visible in S3. Default: 60s.")
  @Pattern(DURATION_PATTERN)
  @Size(max = 8)
  private String objectVisible;

  @JsonPropertyDescription("Deletion requested to object gone. Default: 120s.")
  @Pattern(DURATION_PATTERN)
  @Size(max = 8)
  private String deletion;

  @JsonPropertyDescription(
      "How long a PVC of the invalidParameters scenario must stay unbound after its first"
          + " non-retryable ProvisioningFailed event before the refusal counts; the refusal itself"
          + " may come until timeouts.bind. Default: 30s (the driver's own e2e suite holds a refused"
          + " PVC Pending for 30s, in which external-provisioner retries four times). Also how long"
          + " waitForFirstConsumer watches its PVC stay unbound while no pod uses it (the driver's"
          + " e2e suite holds that one 30s too).")
  @Pattern(DURATION_PATTERN)
  @Size(max = 8)
  private String refusalSettle;

  @JsonPropertyDescription("Whole run. Default: 15m.")
  @Pattern(DURATION_PATTERN)
  @Size(max = 8)
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

  public String getRefusalSettle() {
    return refusalSettle;
  }

  public void setRefusalSettle(String refusalSettle) {
    this.refusalSettle = refusalSettle;
  }

  public String getRun() {
    return run;
  }

  public void setRun(String run) {
    this.run = run;
  }
}
