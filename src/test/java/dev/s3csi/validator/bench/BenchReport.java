package dev.s3csi.validator.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The benchmark's result, as {@code --output json} prints it: one object, in this shape. */
@JsonPropertyOrder({
  "reactionLatencyMillis",
  "criticalPathRatio",
  "sequentialRatio",
  "concurrent",
  "startup",
  "foreignObjects"
})
record BenchReport(
    Distribution reactionLatencyMillis,
    double criticalPathRatio,
    double sequentialRatio,
    Concurrent concurrent,
    Startup startup,
    @JsonInclude(JsonInclude.Include.NON_NULL) Foreign foreignObjects) {

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

  /**
   * The largest scale test without and with other workloads' objects in the cluster.
   *
   * @param pvs other workloads' PVs the API server listed before the runs
   * @param events other workloads' Events the API server listed before the runs
   */
  @JsonPropertyOrder({"pvs", "events", "liveHeapMiB", "apiRequestsPerPvc"})
  record Foreign(int pvs, int events, Pair liveHeapMiB, Pair apiRequestsPerPvc) {
    static Foreign of(ScalePhase.Result without, ScalePhase.Result with) {
      return new Foreign(
          with.foreignVolumes(),
          with.foreignEvents(),
          new Pair(round(without.liveHeapMaxMiB(), 1), round(with.liveHeapMaxMiB(), 1)),
          new Pair(round(without.apiRequestsPerPvc(), 1), round(with.apiRequestsPerPvc(), 1)));
    }
  }

  @JsonPropertyOrder({"without", "with"})
  record Pair(double without, double with) {}

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
