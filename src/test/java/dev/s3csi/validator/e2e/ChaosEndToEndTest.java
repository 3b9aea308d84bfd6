package dev.s3csi.validator.e2e;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.harness.DemoHarness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each chaos mode of the demo, on the demo's default run (every scenario the catalog offers): the
 * run ends as a clean run does (or, for an S3 outage longer than the deadlines, Failed with
 * S3Unavailable), and the audit is all zeros.
 */
class ChaosEndToEndTest {
  static final String CLEAN_AUDIT =
      "{\"pvcs\":0,\"pvs\":0,\"pods\":0,\"storageClasses\":0,\"buckets\":0,\"orphanBuckets\":0}";

  static JsonNode demo(String chaos, int expectedExit) throws Exception {
    DemoHarness.Result result = DemoHarness.run(List.of("--chaos", chaos, "--output", "json"));
    assertThat(result.exitCode())
        .as("exit code; stdout: %s; stderr: %s", result.stdout(), tail(result.stderr()))
        .isEqualTo(expectedExit);
    JsonNode document = new ObjectMapper().readTree(result.stdout());
    assertThat(document.get("audit").toString())
        .as("what the run left behind")
        .isEqualTo(CLEAN_AUDIT);
    return document;
  }

  static void assertLikeACleanRun(JsonNode document) {
    JsonNode status = document.at("/validations/0/status");
    assertThat(status.get("phase").asText()).isEqualTo("Succeeded");
    assertThat(status.get("scenarios"))
        .isNotEmpty()
        .allSatisfy(
            scenario -> {
              assertThat(scenario.get("outcome").asText())
                  .as("%s", scenario.get("name"))
                  .isEqualTo("Passed");
              assertThat(scenario.get("steps"))
                  .allSatisfy(step -> assertThat(step.get("outcome").asText()).isEqualTo("Passed"));
            });
    assertThat(status.get("summary").asText()).matches("(\\d+)/\\1 passed");
    assertThat(status.has("pendingCleanup")).isFalse();
  }

  private static String tail(String text) {
    return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
  }

  @Test
  void operatorRestartsAtRandomPointsChangeNothing() throws Exception {
    JsonNode document = demo("operator-restart", 0);

    assertLikeACleanRun(document);
    assertThat(document.at("/chaos/operatorRestarts").asInt()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void apiErrorsOnOneWriteInTenChangeNothing() throws Exception {
    JsonNode document = demo("api-errors", 0);

    assertLikeACleanRun(document);
    int writes = document.at("/chaos/operatorWrites").asInt();
    assertThat(document.at("/chaos/apiErrorsInjected").asInt())
        .as("one in ten of %d writes", writes)
        .isPositive()
        .isBetween(writes / 10, writes / 10 + 1);
  }

  @Test
  void anS3OutageThatFitsTheDeadlinesChangesNothing() throws Exception {
    JsonNode document = demo("s3-outage", 0);

    assertLikeACleanRun(document);
    // S3 went down as a volume was verified: the step after, bucketExists, met the outage and
    // waited it out.
    assertThat(document.at("/validations/0/status/scenarios"))
        .as("the validator's own record of the outage")
        .anySatisfy(
            scenario ->
                assertThat(scenario.path("evidence").toString())
                    .contains("S3 error during bucketExists"));
  }

  @Test
  void anS3OutageLongerThanTheDeadlinesFailsWithS3UnavailableAndCleanupWaitsForS3()
      throws Exception {
    JsonNode document = demo("s3-outage=20s", 1);

    JsonNode status = document.at("/validations/0/status");
    assertThat(status.get("phase").asText()).isEqualTo("Failed");
    assertThat(status.get("firstFailure").asText()).endsWith(": S3Unavailable");
    assertThat(status.get("scenarios"))
        .as("a scenario that needs S3 during the outage fails with S3Unavailable; others pass")
        .allSatisfy(
            scenario -> {
              if (!"Passed".equals(scenario.get("outcome").asText())) {
                assertThat(scenario.get("outcome").asText()).isEqualTo("Failed");
                assertThat(scenario.get("reason").asText()).isEqualTo("S3Unavailable");
                assertThat(scenario.get("message").asText())
                    .containsPattern("S3 error|S3 did not answer");
              }
            })
        .anySatisfy(scenario -> assertThat(scenario.get("outcome").asText()).isEqualTo("Failed"));
    assertThat(status.has("pendingCleanup")).as("every bucket deleted once S3 was back").isFalse();
  }

  @Test
  void aRunDeletedMidRunIsCleanedUpAndItsFinalizerRemoved() throws Exception {
    JsonNode document = demo("delete-mid-run", 0);

    assertThat(document.at("/chaos/deletedMidRun").asBoolean()).isTrue();
    // Exit code 0 (checked by demo()) says the run is gone: its finalizer was removed. The run's
    // own
    // status, as last seen, says when: with steps done and steps still to run.
    JsonNode status = document.at("/validations/0/status");
    assertThat(status.get("phase").asText()).as("deleted while running").isEqualTo("Running");
    List<String> steps =
        status.findValues("steps").stream()
            .flatMap(s -> StreamSupport.stream(s.spliterator(), false))
            .map(step -> step.get("outcome").asText())
            .toList();
    assertThat(steps).contains("Passed").containsAnyOf("Pending", "Running");
  }

  @Test
  void restartsApiErrorsAndAnOutageTogetherChangeNothing() throws Exception {
    JsonNode document = demo("operator-restart,api-errors,s3-outage", 0);

    assertLikeACleanRun(document);
    assertThat(document.at("/chaos/operatorRestarts").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(document.at("/chaos/apiErrorsInjected").asInt()).isPositive();
  }
}
