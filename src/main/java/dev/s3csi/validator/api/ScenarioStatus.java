package dev.s3csi.validator.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One scenario of a run: its plan of steps, how far it got, and why it failed if it did. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScenarioStatus {

  private ScenarioName name;

  private Outcome outcome;

  @JsonPropertyDescription("Failure reason; a bounded set documented in docs/failure-reasons.md.")
  private Reason reason;

  @JsonPropertyDescription("What happened, naming the objects involved.")
  private String message;

  @JsonPropertyDescription("sharedBucket only: Dynamic or Static, the provisioning mode that ran.")
  private SharedBucketMode mode;

  @JsonPropertyDescription(
      "Findings that do not fail the scenario, e.g. parameters the driver ignored.")
  private List<ScenarioNote> notes = new ArrayList<>();

  private List<StepStatus> steps = new ArrayList<>();

  @JsonPropertyDescription("What the scenario created, for cleanup and audit.")
  private ScenarioResources resources = new ScenarioResources();

  @JsonPropertyDescription(
      "Warning events, probe output and S3 errors behind a failure; at most 4 KiB.")
  private List<String> evidence = new ArrayList<>();

  public ScenarioStatus() {}

  public ScenarioStatus(ScenarioName name, List<StepStatus> steps) {
    this.name = name;
    this.outcome = Outcome.Pending;
    this.steps = steps;
  }

  public ScenarioName getName() {
    return name;
  }

  public void setName(ScenarioName name) {
    this.name = name;
  }

  public Outcome getOutcome() {
    return outcome;
  }

  public void setOutcome(Outcome outcome) {
    this.outcome = outcome;
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

  public SharedBucketMode getMode() {
    return mode;
  }

  public void setMode(SharedBucketMode mode) {
    this.mode = mode;
  }

  public List<ScenarioNote> getNotes() {
    return notes;
  }

  public void setNotes(List<ScenarioNote> notes) {
    this.notes = notes;
  }

  public List<StepStatus> getSteps() {
    return steps;
  }

  public void setSteps(List<StepStatus> steps) {
    this.steps = steps;
  }

  public ScenarioResources getResources() {
    return resources;
  }

  public void setResources(ScenarioResources resources) {
    this.resources = resources;
  }

  public List<String> getEvidence() {
    return evidence;
  }

  public void setEvidence(List<String> evidence) {
    this.evidence = evidence;
  }
}
