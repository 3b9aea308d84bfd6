package dev.s3csi.validator.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark in a small configuration, as a correctness check of the harness in every build:
 * every phase runs, the operator in a JVM of its own, and the output is the documented JSON object
 * with every run succeeded and nothing left behind. Timings are not judged here.
 */
class BenchSmokeTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private record Outcome(int exitCode, String stdout, String stderr) {}

  private static Outcome bench(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Bench.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aSmallConfigurationPrintsTheDocumentedJsonWithEveryRunSucceededAndNothingLeft(
      @TempDir Path work) throws Exception {
    Outcome outcome =
        bench(
            "--output",
            "json",
            "--startups",
            "1",
            "--idle",
            "1s",
            "--latency-runs",
            "2",
            "--latency-parallel",
            "2",
            "--critical-path-runs",
            "1",
            "--critical-path-warm-ups",
            "0",
            "--slow-stage",
            "300ms",
            "--concurrent-runs",
            "3",
            "--foreign-objects",
            "300",
            "--work-dir",
            work.toString());

    assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
    JsonNode report = JSON.readTree(outcome.stdout());
    assertThat(fields(report))
        .containsExactly(
            "reactionLatencyMillis",
            "criticalPathRatio",
            "sequentialRatio",
            "concurrent",
            "startup",
            "foreignObjects");
    JsonNode latency = report.get("reactionLatencyMillis");
    assertThat(fields(latency)).containsExactly("p50", "p95", "p99", "max", "samples");
    // At most one sample per state change of a measured run: a change is a sample only when it
    // caused a step's conclusion (of three PVCs bound, the last).
    assertThat(latency.get("samples").asInt())
        .isPositive()
        .isLessThan((int) changesOfMeasuredRuns(work.resolve("latency-trace.tsv")));
    assertThat(report.get("criticalPathRatio").asDouble())
        .isGreaterThan(report.get("sequentialRatio").asDouble())
        .isPositive();
    JsonNode concurrent = report.get("concurrent");
    assertThat(fields(concurrent))
        .containsExactly(
            "runs",
            "succeeded",
            "pvcs",
            "wallSeconds",
            "heapMaxMiB",
            "apiRequestsPerPvc",
            "leftovers");
    assertThat(concurrent.get("runs").asInt()).isEqualTo(3);
    assertThat(concurrent.get("succeeded").asInt()).isEqualTo(3);
    assertThat(concurrent.get("leftovers").asInt()).isZero();
    // Each run of all six scenarios creates 16 PVCs; the operator's requests were told apart by its
    // User-Agent.
    assertThat(concurrent.get("pvcs").asInt()).isEqualTo(3 * 16);
    assertThat(concurrent.get("apiRequestsPerPvc").asDouble()).isPositive();
    assertThat(concurrent.get("heapMaxMiB").asDouble()).isPositive();
    // The same runs again among other workloads' objects, all of them listed by the API server.
    JsonNode foreign = report.get("foreignObjects");
    assertThat(fields(foreign))
        .containsExactly("pvs", "events", "liveHeapMiB", "apiRequestsPerPvc");
    assertThat(foreign.get("pvs").asInt()).isEqualTo(300);
    assertThat(foreign.get("events").asInt()).isEqualTo(1500);
    assertThat(fields(foreign.get("liveHeapMiB"))).containsExactly("without", "with");
    assertThat(foreign.get("liveHeapMiB").get("with").asDouble()).isPositive();
    assertThat(foreign.get("apiRequestsPerPvc").get("with").asDouble()).isPositive();
    assertThat(work.resolve("concurrent-3-foreign-runs.yaml")).isNotEmptyFile();
    JsonNode startup = report.get("startup");
    assertThat(fields(startup)).containsExactly("readyMillis", "idleRssMiB");
    assertThat(startup.get("readyMillis").asDouble()).isPositive();
    assertThat(startup.get("idleRssMiB").asDouble()).isPositive();
    // What a closer look needs is kept: each phase's runs as they ended, and its trace.
    assertThat(work.resolve("concurrent-3-runs.yaml")).isNotEmptyFile();
    assertThat(work.resolve("latency-trace.tsv")).isNotEmptyFile();
  }

  @Test
  void badArgumentsAreRefusedWithTheUsageBeforeAnythingStarts() {
    Outcome outcome = bench("--concurrent-runs", "0");

    assertThat(outcome.exitCode()).isEqualTo(Bench.USAGE);
    assertThat(outcome.stdout()).isEmpty();
    assertThat(outcome.stderr())
        .contains("--concurrent-runs takes a whole number of at least 1, got '0'")
        .contains("usage: mvn -Pbench");
  }

  @Test
  void anUnknownClusterIsRefusedWithTheUsage() {
    Outcome outcome = bench("--cluster", "kind");

    assertThat(outcome.exitCode()).isEqualTo(Bench.USAGE);
    assertThat(outcome.stderr()).contains("--cluster takes sandbox or real, got 'kind'");
  }

  @Test
  void helpListsTheOptionsAndRunsNothing() {
    Outcome outcome = bench("--help");

    assertThat(outcome.exitCode()).isEqualTo(Bench.CLEAN);
    assertThat(outcome.stdout()).isEmpty();
    assertThat(outcome.stderr())
        .startsWith("usage: mvn -Pbench")
        .contains("--concurrent-runs N[,N...]");
  }

  /**
   * The simulator's state changes of the measured runs (not the warm-up run), as the trace lists
   * them.
   */
  private static long changesOfMeasuredRuns(Path trace) throws java.io.IOException {
    return Files.readAllLines(trace).stream()
        .map(line -> line.split("\t"))
        .filter(
            columns ->
                columns.length == 5
                    && "sandbox".equals(columns[1])
                    && columns[4].matches("latency-[0-9]+"))
        .count();
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
