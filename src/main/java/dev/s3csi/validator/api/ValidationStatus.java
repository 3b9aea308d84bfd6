package dev.s3csi.validator.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/**
 * The run's progress and outcome. It is also the only progress record: a restart resumes from it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValidationStatus {

  private Phase phase;

  private Long observedGeneration;

  @JsonPropertyDescription("RFC 3339 time the run started.")
  private String startTime;

  @JsonPropertyDescription("RFC 3339 time the run reached Succeeded or Failed.")
  private String completionTime;

  @JsonPropertyDescription("Running and Succeeded conditions, see docs/scenarios.md.")
  private List<Condition> conditions = new ArrayList<>();

  private List<ScenarioStatus> scenarios = new ArrayList<>();

  @JsonPropertyDescription(
      "Driver-named buckets (csi-s3-*) created during the run that match no PV;"
          + " reported, never deleted.")
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  private List<String> leakedBuckets = new ArrayList<>();

  @JsonPropertyDescription("Passed scenarios over requested scenarios, e.g. \"5/6 passed\".")
  private String summary;

  @JsonPropertyDescription(
      "The first failed scenario and its reason, e.g. \"dedicatedBucket: ObjectMissing\".")
  private String firstFailure;

  @JsonPropertyDescription(
      "Buckets this run caused that cleanup could not delete yet (S3 unreachable); retried until S3 answers.")
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  private List<String> pendingCleanup = new ArrayList<>();

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<ScenarioStatus> getScenarios() {
    return scenarios;
  }

  public void setScenarios(List<ScenarioStatus> scenarios) {
    this.scenarios = scenarios;
  }

  public List<String> getLeakedBuckets() {
    return leakedBuckets;
  }

  public void setLeakedBuckets(List<String> leakedBuckets) {
    this.leakedBuckets = leakedBuckets;
  }

  public String getSummary() {
    return summary;
  }

  public void setSummary(String summary) {
    this.summary = summary;
  }

  public List<String> getPendingCleanup() {
    return pendingCleanup;
  }

  public void setPendingCleanup(List<String> pendingCleanup) {
    this.pendingCleanup = pendingCleanup;
  }

  public String getFirstFailure() {
    return firstFailure;
  }

  public void setFirstFailure(String firstFailure) {
    this.firstFailure = firstFailure;
  }
}
