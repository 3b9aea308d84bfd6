package dev.s3csi.validator.realworld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.harness.DemoHarness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code --cluster real}, as a user runs it: each invocation starts a real world of
 * its own, runs, reports what it ran against, and stops it. Skipped without Go, like every
 * real-world test, except in CI.
 */
@Isolated("starts a real world of its own, with five processes, on a 2-core machine")
class RealWorldDemoTest {

  @Test
  void jsonSaysWhichClusterDriverAndIdentityTheRunHad() throws Exception {
    DemoHarness.Result result =
        DemoHarness.run(
            List.of("--cluster", "real", "--scenarios", "dedicatedBucket", "--output", "json"));
    RealWorldAssumptions.assumeBuilt(result);

    JsonNode document = new ObjectMapper().readTree(result.stdout());
    assertThat(document.at("/cluster/kind").asText()).isEqualTo("real");
    assertThat(document.at("/cluster/kubernetesVersion").asText()).matches("v1\\.\\d+\\.\\d+");
    assertThat(document.at("/cluster/driver").asText()).startsWith("scality 2.2.0");
    assertThat(document.at("/cluster/operatorUser").asText())
        .isEqualTo("system:serviceaccount:provisioning-validator:pval-provisioning-validator");
    assertThat(document.at("/validations/0/status/scenarios/0/outcome").asText())
        .as(result.stdout())
        .isEqualTo("Passed");
    assertThat(document.get("audit").toString())
        .isEqualTo(
            "{\"pvcs\":0,\"pvs\":0,\"pods\":0,\"storageClasses\":0,\"buckets\":0,\"orphanBuckets\":0}");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void aBadFileIsRefusedByTheRealApiServerWithItsOwnMessage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: validation.s3csi.dev/v1alpha1",
            "kind: ProvisioningValidation",
            "metadata:",
            "  name: bad",
            "spec:",
            "  concurrentVolumes: {count: 0}",
            ""));

    DemoHarness.Result result =
        DemoHarness.run(List.of("--cluster", "real", "--file", file.toString()));
    RealWorldAssumptions.assumeBuilt(result);

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    assertThat(result.stderr())
        .contains(
            "the API server refused the run: ProvisioningValidation.validation.s3csi.dev \"bad\" is invalid:")
        .contains("spec.concurrentVolumes.count");
  }
}
