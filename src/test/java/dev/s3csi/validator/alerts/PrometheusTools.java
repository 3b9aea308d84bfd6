package dev.s3csi.validator.alerts;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The prometheus and promtool binaries (Debian package {@code prometheus}). CI must have them
 * ({@code .ci/run} installs the package): a missing binary fails there. Elsewhere the test is
 * skipped, saying how to install it.
 */
final class PrometheusTools {
  private PrometheusTools() {}

  static Path require(String binary) {
    Optional<Path> found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(dir -> Path.of(dir, binary))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    String message =
        binary
            + " is not installed: it comes with Debian's package prometheus "
            + "(apt-get install --no-install-recommends prometheus); .ci/run installs it";
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
    throw new IllegalStateException("unreachable");
  }
}
