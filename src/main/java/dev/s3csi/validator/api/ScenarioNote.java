package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something a scenario found worth reporting that does not fail it, e.g. a documented driver
 * limitation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScenarioNote {

  private Reason reason;

  private String message;

  public ScenarioNote() {}

  public ScenarioNote(Reason reason, String message) {
    this.reason = reason;
    this.message = message;
  }

  public Reason getReason() {
    return reason;
  }

  public void setReason(Reason reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
