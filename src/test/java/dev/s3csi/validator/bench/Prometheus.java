package dev.s3csi.validator.bench;

import java.util.OptionalDouble;

/** Reads values out of the Prometheus text exposition the operator serves. */
final class Prometheus {
  private Prometheus() {}

  /** Heap in use, all pools. */
  static OptionalDouble heapUsed(String exposition) {
    return sum(exposition, "jvm_memory_used_bytes", "area=\"heap\"");
  }

  /**
   * The heap left after the last collection of the old generation: the long-lived data
   * (Micrometer's JvmGcMetrics).
   */
  static OptionalDouble liveHeap(String exposition) {
    return sum(exposition, "jvm_gc_live_data_size_bytes", "");
  }

  /**
   * The sum of every sample of {@code metric} whose labels contain {@code label}; empty when there
   * is none.
   */
  static OptionalDouble sum(String exposition, String metric, String label) {
    boolean found = false;
    double sum = 0;
    for (String line : exposition.split("\n")) {
      if ((line.startsWith(metric + "{") || line.startsWith(metric + " "))
          && line.contains(label)) {
        found = true;
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }
}
