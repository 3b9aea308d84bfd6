package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One step of a scenario: an action and the condition it awaits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepStatus {

  private String name;

  private Outcome outcome;

  @JsonPropertyDescription("RFC 3339 time the step started; its deadline counts from here.")
  private String startTime;

  @JsonPropertyDescription("Milliseconds from start to the observed result.")
  private Long durationMillis;

  private String message;

  public StepStatus() {}

  public StepStatus(String name) {
    this.name = name;
    this.outcome = Outcome.Pending;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Outcome getOutcome() {
    return outcome;
  }

  public void setOutcome(Outcome outcome) {
    this.outcome = outcome;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public Long getDurationMillis() {
    return durationMillis;
  }

  public void setDurationMillis(Long durationMillis) {
    this.durationMillis = durationMillis;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
