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
    DemoHarness.Result result = DemoHarness.run(List.of("--output", "json", "--fault", "write-lost"));

    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode document = new ObjectMapper().readTree(result.stdout());
    JsonNode scenario = document.at("/validations/0/status/scenarios/0");
    assertThat(scenario.get("reason").asText()).isEqualTo("ObjectMissing");
    assertThat(document.at("/validations/0/status/phase").asText()).isEqualTo("Failed");
    assertThat(document.get("audit").toString()).isEqualTo("{\"pvcs\":0,\"pvs\":0,\"pods\":0,\"storageClasses\":0,\"buckets\":0}");
  }

  @Test
  void tableOutputHasARowPerStepAndExitsZeroOnSuccess() {
    DemoHarness.Result result = DemoHarness.run(List.of("--s3-credentials", "demoKEY:demoSECRET"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("pval-demo/demo: Succeeded, 1/1 passed")
        .containsPattern("(?m)^dedicatedBucket +Passed")
        .containsPattern("(?m)^ +verifyObjects +Passed +\\d+(ms|\\.\\ds) +3 objects in csi-s3-")
        .contains("audit: pvcs=0 pvs=0 pods=0 storageClasses=0 buckets=0 (nothing left behind)");
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
