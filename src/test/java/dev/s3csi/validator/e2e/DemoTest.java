package dev.s3csi.validator.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.harness.DemoHarness;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo as a user runs it: arguments in, result and exit code out. */
class DemoTest {

  @Test
  void jsonOutputIsOneObjectWithTheFinalRunAndTheAudit() throws Exception {
    DemoHarness.Result result =
        DemoHarness.run(
            List.of("--output", "json", "--fault", "write-lost", "--scenarios", "dedicatedBucket"));

    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode document = new ObjectMapper().readTree(result.stdout());
    JsonNode scenario = document.at("/validations/0/status/scenarios/0");
    assertThat(scenario.get("reason").asText()).isEqualTo("ObjectMissing");
    assertThat(document.at("/validations/0/status/phase").asText()).isEqualTo("Failed");
    assertThat(document.get("audit").toString())
        .isEqualTo(
            "{\"pvcs\":0,\"pvs\":0,\"pods\":0,\"storageClasses\":0,\"buckets\":0,\"orphanBuckets\":0}");
  }

  @Test
  void defaultRunPassesAllSixScenariosInASummaryThatFitsATerminal() {
    DemoHarness.Result result = DemoHarness.run(List.of("--s3-credentials", "demoKEY:demoSECRET"));

    assertThat(result.exitCode()).as(result.stdout()).isZero();
    assertThat(result.stdout())
        .contains("pval-demo/demo: Succeeded, 6/6 passed")
        .containsPattern(
            "(?m)^dedicatedBucket +Passed +\\d+(ms|\\.\\ds) +all 7 steps passed; cleanup complete$")
        .containsPattern("(?m)^sharedBucket +Passed .* all 8 steps passed in Dynamic mode")
        .containsPattern("(?m)^concurrentVolumes +Passed")
        .doesNotContain("verifyObjects")
        .endsWith("audit: pvcs=0 pvs=0 pods=0 storageClasses=0 buckets=0 (nothing left behind)\n");
    assertThat(result.stdout().lines().count()).as(result.stdout()).isLessThanOrEqualTo(25);
    assertThat(result.stdout().lines())
        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
  }

  @Test
  void scalityProfileShowsTheFindingsAndWideShowsEveryStep() {
    DemoHarness.Result result =
        DemoHarness.run(List.of("--profile", "scality", "--output", "wide"));

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.stdout())
        .contains("pval-demo/demo: Succeeded, 6/6 passed")
        .containsPattern("(?m)^sharedBucket +Passed .* all 8 steps passed in Static mode")
        .containsPattern(
            "(?m)^ +note +SharedBucketUnsupported +the driver ignored the shared-bucket parameters")
        .containsPattern("(?m)^invalidParameters +Passed ")
        .containsPattern("(?m)^ +refused +Passed +\\S+ +2 of 4 invalid configurations refused")
        .containsPattern(
            "(?m)^ +note +InvalidParameterIgnored +case invalidBucketNaming \\(bucketNaming=invalid-naming-mode")
        .containsPattern("(?m)^deleteReclaim +Passed")
        .containsPattern("(?m)^ +note +NonEmptyBucketRetained +the driver kept bucket csi-s3-")
        .containsPattern("(?m)^ +verifyObjects +Passed +\\d+(ms|\\.\\ds) +3 objects in csi-s3-")
        .contains("audit: pvcs=0 pvs=0 pods=0 storageClasses=0 buckets=0 (nothing left behind)");
  }

  @Test
  void aRepeatedFaultIsInjectedNotDroppedAndTheSummaryShowsTheFailingStepAndItsEvidence() {
    DemoHarness.Result result =
        DemoHarness.run(
            List.of("--fault", "write-lost", "--fault", "slow", "--scenarios", "dedicatedBucket"));

    assertThat(result.exitCode()).as(result.stdout()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("pval-demo/demo: Failed, 0/1 passed")
        .containsPattern(
            "(?m)^dedicatedBucket +Failed +\\S+ +ObjectMissing +verifyObjects: still waiting for object")
        .containsPattern("(?m)^  step verifyObjects +Failed +\\S+ +still waiting for object")
        .containsPattern("(?m)^  evidence +GetObject answered NoSuchKey")
        .doesNotContain("deleteStorageClass");
    assertThat(result.stdout().lines())
        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    DemoHarness.Result result = DemoHarness.run(List.of("--help"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .startsWith("usage: mvn -Pdemo")
        .contains("--fault a,b")
        .contains("--output table|wide|json|yaml");
    assertThat(result.stderr()).isEmpty();
  }

  static Stream<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("deploy/examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /**
   * The shipped examples as written: the demo creates their namespace and Secrets, as an admin
   * would.
   */
  @ParameterizedTest
  @MethodSource("examples")
  void everyShippedExamplePasses(Path example) {
    DemoHarness.Result result = DemoHarness.run(List.of("--file", example.toString()));

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout()).containsPattern("storage-checks/\\S+: Succeeded");
    assertThat(result.stderr())
        .contains("demo: created namespace storage-checks")
        .contains(
            "demo: created Secret storage-checks/s3-credentials with the keys of pval-demo/s3-credentials")
        .contains(
            "demo: spec.s3.endpoint https://s3.example.internal:8000 is this cluster's S3 at http://127.0.0.1:");
  }

  /** A run named {@code name} whose spec is the given lines, written to {@code <name>.yaml}. */
  static Path runFile(Path dir, String name, String... specLines) throws Exception {
    List<String> lines =
        new java.util.ArrayList<>(
            List.of(
                "apiVersion: validation.s3csi.dev/v1alpha1",
                "kind: ProvisioningValidation",
                "metadata:",
                "  name: " + name,
                "spec:"));
    lines.addAll(List.of(specLines));
    return Files.writeString(dir.resolve(name + ".yaml"), String.join("\n", lines) + "\n");
  }

  @Test
  void runsACrFromAFileAndFillsItsS3(@TempDir Path dir) throws Exception {
    Path file =
        runFile(
            dir,
            "from-file",
            "  scenarios: [dedicatedBucket]",
            "  probe: {fileSizes: [0, 4096]}",
            "  timeouts: {bind: 9s, objectVisible: 3s}");

    DemoHarness.Result result =
        DemoHarness.run(List.of("--file", file.toString(), "--output", "yaml"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .contains("name: \"from-file\"")
        .contains("phase: \"Succeeded\"")
        .contains("endpoint: \"http://127.0.0.1:");
  }

  /** What the default run notes, whenIgnored: Fail makes a failure: the run exits 1. */
  @Test
  void ignoredParametersFailTheRunWhenTheSpecSaysSo(@TempDir Path dir) throws Exception {
    Path file =
        runFile(
            dir,
            "strict",
            "  scenarios: [invalidParameters]",
            "  invalidParameters: {whenIgnored: Fail}",
            "  timeouts: {bind: 9s, refusalSettle: 2s}");

    DemoHarness.Result result =
        DemoHarness.run(List.of("--profile", "scality", "--file", file.toString()));

    assertThat(result.exitCode()).as(result.stdout()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("pval-demo/strict: Failed, 0/1 passed")
        .containsPattern(
            "(?m)^invalidParameters +Failed .* InvalidParameterAccepted +refused: the driver"
                + " accepted what it must refuse: case ");
  }

  @Test
  void badArgumentsExitTwoWithUsageAndStartNothing() {
    for (List<String> args :
        List.of(
            List.of("--fault", "gremlins"),
            List.of("--chaos", "gremlins"),
            List.of("--chaos", "api-errors=5s"),
            List.of("--output"),
            List.of("--scenarios", "everything"),
            List.of("--profile", "scality", "--profile", "reference"),
            List.of("--output", "wide", "json"),
            List.of("--profile", "seed"),
            List.of("--file", "/no/such/file.yaml"),
            List.of("--profile", "nfs"))) {
      DemoHarness.Result result = DemoHarness.run(args);
      assertThat(result.exitCode()).as("%s", args).isEqualTo(2);
      assertThat(result.stdout()).as("%s", args).isEmpty();
      assertThat(result.stderr()).as("%s", args).contains("usage: mvn -Pdemo");
    }
  }
}
