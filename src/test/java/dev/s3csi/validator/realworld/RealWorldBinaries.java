package dev.s3csi.validator.realworld;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real world's binaries, built from the Go modules under {@code realworld/} by its {@code
 * build.sh} into a cache outside the work tree (skipped when they are there), and the versions they
 * were built at.
 *
 * @param directory where etcd, kube-apiserver, kube-controller-manager, csi-provisioner and
 *     scality-csi-driver are
 * @param versions the pins of {@code realworld/versions.env}
 */
public record RealWorldBinaries(Path directory, Map<String, String> versions) {
  public static final Path BUILD_SCRIPT = Path.of("realworld", "build.sh");

  /** The start of the message when there is no Go toolchain on the machine. */
  static final String NEEDS_GO = "the real world needs Go";

  /** What build.sh answers when there is no Go toolchain on the machine. */
  private static final int NO_GO = 3;

  /** Thrown when the binaries cannot exist on this machine: no Go toolchain. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * Builds what is missing (minutes on a cold machine: build.sh says which binary it builds, on
   * {@code progress}) and returns the binaries.
   */
  public static RealWorldBinaries build(PrintStream progress) {
    ProcessBuilder builder =
        new ProcessBuilder("bash", BUILD_SCRIPT.toString()).redirectErrorStream(false);
    List<String> stdout = new ArrayList<>();
    try {
      Process process = builder.start();
      Thread echo = new Thread(() -> copy(process, progress), "realworld-build-log");
      echo.start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(stdout::add);
      }
      int exit = process.waitFor();
      echo.join();
      if (exit == NO_GO) {
        throw new Unavailable(
            NEEDS_GO + " to build its binaries (realworld/build.sh): " + String.join(" ", stdout));
      }
      if (exit != 0 || stdout.isEmpty()) {
        throw new IllegalStateException(BUILD_SCRIPT + " failed with exit code " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + BUILD_SCRIPT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the real world", e);
    }
    Path directory = Path.of(stdout.get(stdout.size() - 1));
    return new RealWorldBinaries(directory, readVersions(directory.resolve("versions.env")));
  }

  private static void copy(Process process, PrintStream progress) {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      err.lines().forEach(progress::println);
    } catch (IOException e) {
      progress.println("realworld build log unreadable: " + e.getMessage());
    }
  }

  static Map<String, String> readVersions(Path file) {
    Map<String, String> versions = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int equals = line.indexOf('=');
        if (!line.startsWith("#") && equals > 0) {
          versions.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return versions;
  }

  Path binary(String name) {
    return directory.resolve(name);
  }

  public String kubernetesVersion() {
    return versions.get("KUBERNETES");
  }

  /** The driver's name and release, as the demo reports it. */
  public String driver() {
    return "scality "
        + versions.get("SCALITY_DRIVER")
        + " (external-provisioner "
        + versions.get("EXTERNAL_PROVISIONER")
        + ")";
  }
}
