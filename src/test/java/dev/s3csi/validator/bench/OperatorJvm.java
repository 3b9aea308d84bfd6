package dev.s3csi.validator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.s3csi.validator.cli.Main;
import dev.s3csi.validator.harness.Kubeconfig;
import dev.s3csi.validator.harness.Sandbox;

/**
 * The operator in a JVM of its own, started as its pod starts it ({@code java -Xmx… <the image's
 * JVM flags> -cp <runtime classpath> dev.s3csi.validator.cli.Main operator}) and pointed at the
 * sandbox's API server through a kubeconfig. Its output goes to a log file. Tells how long it took
 * to become ready, and reads its heap (from its own {@code /metrics}) and its resident memory (from
 * {@code /proc}).
 */
final class OperatorJvm implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(5);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** USER_HZ, 100 on Linux. */
  private static final int CLOCK_TICKS = 100;

  /** The JVM flags the operator's image starts it with (pom.xml, jib's jvmFlags). */
  static final List<String> IMAGE_JVM_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /**
   * How the operator's JVM is started.
   *
   * @param maxHeap the -Xmx value, e.g. 256m
   * @param maxConcurrentRuns MAX_CONCURRENT_RUNS
   * @param jfr whether to record a JFR profile next to the log
   */
  record Settings(String maxHeap, int maxConcurrentRuns, boolean jfr) {}

  private final Process process;
  private final long startedNanos;
  private final URI base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private OperatorJvm(Process process, long startedNanos, URI base, Path log) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.base = base;
    this.log = log;
  }

  /** Starts it; {@code name} names its kubeconfig, log and profile under {@code workDir}. */
  static OperatorJvm start(Sandbox sandbox, Path workDir, String name, Settings settings) {
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + workDir, e);
    }
    Path kubeconfig =
        Kubeconfig.write(
            sandbox.client(), workDir.resolve(name + ".kubeconfig"), Sandbox.NAMESPACE);
    return start(kubeconfig, workDir, name, settings);
  }

  /** The same against the API server and as the user {@code kubeconfig} names. */
  static OperatorJvm start(Path kubeconfig, Path workDir, String name, Settings settings) {
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve(name + ".log");
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(javaBinary(), "-Xmx" + settings.maxHeap(), "-XX:+ExitOnOutOfMemoryError"));
      command.addAll(IMAGE_JVM_FLAGS);
      if (settings.jfr()) {
        command.add(
            "-XX:StartFlightRecording=settings=profile,filename=" + workDir.resolve(name + ".jfr"));
      }
      command.addAll(List.of("-cp", OperatorClasspath.get(), Main.class.getName(), "operator"));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.remove("JAVA_TOOL_OPTIONS");
      env.put("KUBECONFIG", kubeconfig.toString());
      env.put("HTTP_PORT", Integer.toString(port));
      env.put("MAX_CONCURRENT_RUNS", Integer.toString(settings.maxConcurrentRuns()));
      long started = System.nanoTime();
      return new OperatorJvm(builder.start(), started, URI.create("http://127.0.0.1:" + port), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator's JVM", e);
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits until {@code /readyz} answers 200; returns the time since the process was started. */
  Duration awaitReady(Duration limit) {
    long deadline = startedNanos + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the operator exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      if (get("/readyz").filter(r -> r.statusCode() == 200).isPresent()) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      sleep(POLL);
    }
    throw new IllegalStateException("the operator was not ready within " + limit + "; see " + log);
  }

  /** The operator's Prometheus exposition, if it answers. */
  Optional<String> metrics() {
    return get("/metrics").filter(r -> r.statusCode() == 200).map(HttpResponse::body);
  }

  /**
   * A full collection in the operator's JVM ({@code jcmd GC.run}): the live heap it reports next is
   * what the operator holds on to, whether or not its own collections reached the old generation.
   */
  void collectGarbage() {
    Path jcmd = Path.of(javaBinary()).resolveSibling("jcmd");
    try {
      Process gc =
          new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!gc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || gc.exitValue() != 0) {
        gc.destroyForcibly();
        throw new IllegalStateException("jcmd GC.run did not succeed for pid " + process.pid());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + jcmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Resident set size now, from /proc/&lt;pid&gt;/status. */
  long residentKiB() {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no VmRSS for pid " + process.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * CPU time the operator's process has used so far, user and system, from /proc/&lt;pid&gt;/stat.
   */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // After the command name in parentheses: state is field 3, utime and stime fields 14 and 15,
      // in clock ticks.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path log() {
    return log;
  }

  private Optional<HttpResponse<String>> get(String path) {
    try {
      return Optional.of(
          http.send(
              HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      // Not listening yet, or gone.
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops it as Kubernetes stops a pod: SIGTERM, then SIGKILL after a grace period. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
