package dev.s3csi.validator.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.sandbox.DemoHarness;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo as a user runs it: arguments in, result and exit code out. */
class DemoTest {

  @Test
  void jsonOutputIsOneObjectWithTheFinalRunAndTheAudit() throws Exception {
    DemoHarness.Result result = DemoHarness.run(List.of("--output", "json", "--fault", "write-lost", "--scenarios", "dedicatedBucket"));

    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode document = new ObjectMapper().readTree(result.stdout());
    JsonNode scenario = document.at("/validations/0/status/scenarios/0");
    assertThat(scenario.get("reason").asText()).isEqualTo("ObjectMissing");
    assertThat(document.at("/validations/0/status/phase").asText()).isEqualTo("Failed");
    assertThat(document.get("audit").toString())
        .isEqualTo("{\"pvcs\":0,\"pvs\":0,\"pods\":0,\"storageClasses\":0,\"buckets\":0,\"orphanBuckets\":0}");
  }

  @Test
  void defaultRunPassesAllSixScenariosAndExitsZero() {
    DemoHarness.Result result = DemoHarness.run(List.of("--s3-credentials", "demoKEY:demoSECRET"));

    assertThat(result.exitCode()).as(result.stdout()).isZero();
    assertThat(result.stdout()).contains("pval-demo/demo: Succeeded, 6/6 passed")
        .containsPattern("(?m)^dedicatedBucket +Passed")
        .containsPattern("(?m)^sharedBucket +Passed .* all 8 steps passed in Dynamic mode")
        .containsPattern("(?m)^concurrentVolumes +Passed")
        .containsPattern("(?m)^ +verifyObjects +Passed +\\d+(ms|\\.\\ds) +3 objects in csi-s3-")
        .contains("audit: pvcs=0 pvs=0 pods=0 storageClasses=0 buckets=0 (nothing left behind)");
  }

  @Test
  void scalityProfileShowsTheFindingsAndExitsOne() {
    DemoHarness.Result result = DemoHarness.run(List.of("--profile", "scality"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("pval-demo/demo: Failed, 5/6 passed")
        .containsPattern("(?m)^sharedBucket +Passed .* all 8 steps passed in Static mode")
        .containsPattern("(?m)^ +note +SharedBucketUnsupported +the driver ignored the shared-bucket parameters")
        .containsPattern("(?m)^invalidParameters +Failed .* InvalidParameterAccepted .*bucketNaming=invalid-naming-mode")
        .containsPattern("(?m)^deleteReclaim +Passed")
        .containsPattern("(?m)^ +note +NonEmptyBucketRetained +the driver kept bucket csi-s3-")
        .contains("audit: pvcs=0 pvs=0 pods=0 storageClasses=0 buckets=0 (nothing left behind)");
  }

  @Test
  void faultsCombine() {
    DemoHarness.Result result = DemoHarness.run(List.of("--fault", "slow,mount-options-dropped", "--scenarios", "storageClassOptions",
        "--output", "json"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("\"reason\":\"MountOptionsNotApplied\"");
  }

  @Test
  void runsACrFromAFileAndFillsItsS3(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cr.yaml");
    Files.writeString(file, String.join("\n",
        "apiVersion: validation.s3csi.dev/v1alpha1",
        "kind: ProvisioningValidation",
        "metadata:",
        "  name: from-file",
        "spec:",
        "  scenarios: [dedicatedBucket]",
        "  probe: {fileSizes: [0, 4096]}",
        "  timeouts: {bind: 9s, objectVisible: 3s}",
        ""));

    DemoHarness.Result result = DemoHarness.run(List.of("--file", file.toString(), "--output", "yaml"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("name: \"from-file\"").contains("phase: \"Succeeded\"").contains("endpoint: \"http://127.0.0.1:");
  }

  @Test
  void badArgumentsExitTwoWithUsageAndStartNothing() {
    for (List<String> args : List.of(List.of("--fault", "gremlins"), List.of("--chaos", "gremlins"), List.of("--chaos", "api-errors=5s"),
        List.of("--output"), List.of("--scenarios", "everything"),
        List.of("--file", "/no/such/file.yaml"), List.of("--profile", "nfs"))) {
      DemoHarness.Result result = DemoHarness.run(args);
      assertThat(result.exitCode()).as("%s", args).isEqualTo(2);
      assertThat(result.stdout()).as("%s", args).isEmpty();
      assertThat(result.stderr()).as("%s", args).contains("usage: mvn -Pdemo");
    }
  }
}
