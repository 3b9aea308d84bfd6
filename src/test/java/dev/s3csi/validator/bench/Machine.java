package dev.s3csi.validator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine the benchmark ran on, in one line: CPU, cores, memory, OS and the JVM the operator
 * ran in.
 */
final class Machine {
  private static final AtomicReference<String> LOAD_AT_START = new AtomicReference<>();

  private Machine() {}

  /**
   * The 1-, 5- and 15-minute load averages when first asked: the benchmark asks as it starts, since
   * timings on a loaded machine are the machine's (docs/performance.md).
   */
  static String loadAverageAtStart() {
    LOAD_AT_START.compareAndSet(null, loadAverage());
    return LOAD_AT_START.get();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " / " + fields[1] + " / " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  static String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %.1f GiB of memory, %s %s, %s %s",
        Runtime.getRuntime().availableProcessors(),
        firstValue("/proc/cpuinfo", "model name").orElse("unknown CPU"),
        firstValue("/proc/meminfo", "MemTotal")
            .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024)
            .orElse(Double.NaN),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"));
  }

  private static java.util.Optional<String> firstValue(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
