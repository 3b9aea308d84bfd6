package dev.s3csi.validator.bench;

import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Percentiles of a set of samples (nearest rank), in the samples' unit, to a tenth. */
@JsonPropertyOrder({"p50", "p95", "p99", "max", "samples"})
record Distribution(double p50, double p95, double p99, double max, int samples) {

  static Distribution of(Collection<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return new Distribution(0, 0, 0, 0, 0);
    }
    return new Distribution(
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        tenth(sorted.get(sorted.size() - 1)),
        sorted.size());
  }

  /** The smallest sample that at least {@code percent}% of the samples do not exceed. */
  private static double rank(List<Double> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return tenth(sorted.get(Math.max(0, index)));
  }

  static double tenth(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
