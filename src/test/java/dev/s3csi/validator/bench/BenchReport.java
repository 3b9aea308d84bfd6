package dev.s3csi.validator.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The benchmark's result, as {@code --output json} prints it: one object, in this shape. */
@JsonPropertyOrder({
  "reactionLatencyMillis",
  "criticalPathRatio",
  "sequentialRatio",
  "concurrent",
  "startup"
})
record BenchReport(
    Distribution reactionLatencyMillis,
    double criticalPathRatio,
    double sequentialRatio,
    Concurrent concurrent,
    Startup startup) {

  @JsonPropertyOrder({
    "runs",
    "succeeded",
    "pvcs",
    "wallSeconds",
    "heapMaxMiB",
    "apiRequestsPerPvc",
    "leftovers"
  })
  record Concurrent(
      int runs,
      int succeeded,
      int pvcs,
      double wallSeconds,
      double heapMaxMiB,
      double apiRequestsPerPvc,
      int leftovers) {}

  @JsonPropertyOrder({"readyMillis", "idleRssMiB"})
  record Startup(double readyMillis, double idleRssMiB) {}

  String toJson() {
    try {
      return new ObjectMapper().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** To {@code places} decimal places. */
  static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
