package dev.s3csi.validator.realworld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One binary of the real world running as a process of its own, its output in a log file: what a
 * container of a cluster's pod is here. Stopping it is what stopping the container is: SIGTERM,
 * then SIGKILL if it does not go.
 */
final class LocalProcess implements AutoCloseable {
  private static final long STOP_GRACE_SECONDS = 5;
  private static final int LOG_TAIL_LINES = 15;

  private final String name;
  private final Path log;
  private final Process process;

  private LocalProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  static LocalProcess start(
      String name, Path binary, List<String> args, Map<String, String> env, Path logDirectory) {
    Path log = logDirectory.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(concat(binary.toString(), args))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      // A test JVM that dies without closing its world must not leave an API server behind.
      ProcessHandle handle = process.toHandle();
      Runtime.getRuntime().addShutdownHook(new Thread(handle::destroyForcibly, "stop-" + name));
      return new LocalProcess(name, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + binary + ")", e);
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream())
        .toList();
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Fails with the end of its log when the process has exited: nothing waits on a dead component.
   */
  void assertAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " exited with " + process.exitValue() + "; the end of " + log + ":\n" + logTail());
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
