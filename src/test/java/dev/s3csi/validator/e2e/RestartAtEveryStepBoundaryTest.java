package dev.s3csi.validator.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.harness.OperatorProcess;
import dev.s3csi.validator.harness.RunWatcher;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.sandbox.ChaosDispatcher;
import dev.s3csi.validator.sandbox.RequestBodies;
import dev.s3csi.validator.sandbox.SandboxOptions;

import io.fabric8.mockwebserver.http.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator killed at every step boundary of dedicatedBucket, at the worst moment: the steps up
 * to the boundary have acted (created their objects, written to S3) but the status write that would
 * record more than {@code k} finished steps is refused, and the operator dies. A new operator, with
 * nothing but the cluster and the status to go by, must finish the run exactly as a clean run does:
 * every step passed, each object created once (re-adopted, not duplicated), nothing left.
 */
class RestartAtEveryStepBoundaryTest {
  static final int STEPS = 12;
  static final ObjectMapper JSON = new ObjectMapper();
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static IntStream boundaries() {
    return IntStream.range(0, STEPS);
  }

  @ParameterizedTest(name = "killed before recording more than {0} finished steps")
  @MethodSource("boundaries")
  void aRestartedOperatorFinishesTheRunAsACleanRunWould(int k) {
    ChaosDispatcher chaos = sandbox.chaos();
    String name = "boundary-" + k;
    int writesBefore = chaos.operatorWriteLog().size();
    chaos.freezeWhen(request -> finishedStepsWritten(request, name) > k);
    try (OperatorProcess operator =
        OperatorProcess.start(
            sandbox, new OperatorSettings(Set.of(), OperatorSettings.DEFAULT_PROBE_IMAGE))) {
      ProvisioningValidation run = sandbox.validation(name, List.of(ScenarioName.DEDICATED_BUCKET));
      sandbox.client().resource(run).create();

      await().atMost(Duration.ofSeconds(60)).until(chaos::isFrozen);
      operator.stop();
      ProvisioningValidation atCrash = sandbox.client().resource(run).get();
      chaos.thaw();
      operator.restart();
      ProvisioningValidation finished =
          new RunWatcher(sandbox.client()).awaitFinished(run, Duration.ofSeconds(30));

      assertThat(finishedSteps(atCrash)).as("persisted at the crash").isLessThanOrEqualTo(k);
      assertThat(finished.getStatus().getPhase())
          .as("%s", io.fabric8.kubernetes.client.utils.Serialization.asYaml(finished.getStatus()))
          .isEqualTo(Phase.Succeeded);
      ScenarioStatus scenario = finished.getStatus().getScenarios().get(0);
      assertThat(scenario.getSteps())
          .hasSize(STEPS)
          .allSatisfy(s -> assertThat(s.getOutcome()).as(s.getName()).isEqualTo(Outcome.Passed));
      assertThat(scenario.getResources().getPvcs()).hasSize(1);
      assertThat(scenario.getResources().getBuckets()).hasSize(1);
      // One copy of the log: the operator may still be writing (the run's events) while it is read.
      List<ChaosDispatcher.Write> log = chaos.operatorWriteLog();
      List<ChaosDispatcher.Write> writes = log.subList(writesBefore, log.size());
      assertThat(created(writes, "/storageclasses")).as("StorageClass created once").isEqualTo(1);
      assertThat(created(writes, "/persistentvolumeclaims")).as("PVC created once").isEqualTo(1);
      assertThat(created(writes, "/pods")).as("probe pod created once").isEqualTo(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.audit().isClean());
    } finally {
      chaos.thaw();
    }
  }

  static long created(List<ChaosDispatcher.Write> writes, String collection) {
    return writes.stream()
        .filter(w -> w.method().equals("POST") && w.path().endsWith(collection) && w.succeeded())
        .count();
  }

  /** Finished steps in a status write of the named run; -1 for any other write. */
  static int finishedStepsWritten(RecordedRequest request, String name) {
    String path = request.getPath();
    if (!"PUT".equals(request.getMethod())
        || !path.endsWith("/provisioningvalidations/" + name + "/status")) {
      return -1;
    }
    try {
      JsonNode status = JSON.readTree(RequestBodies.of(request)).path("status");
      int finished = 0;
      for (JsonNode scenario : status.path("scenarios")) {
        for (JsonNode step : scenario.path("steps")) {
          String outcome = step.path("outcome").asText();
          finished +=
              Outcome.Passed.name().equals(outcome)
                      || Outcome.Failed.name().equals(outcome)
                      || Outcome.Skipped.name().equals(outcome)
                  ? 1
                  : 0;
        }
      }
      return finished;
    } catch (Exception e) {
      return -1;
    }
  }

  static long finishedSteps(ProvisioningValidation run) {
    return run.getStatus() == null
        ? 0
        : run.getStatus().getScenarios().stream()
            .flatMap(s -> s.getSteps().stream())
            .map(StepStatus::getOutcome)
            .filter(Outcome::isFinished)
            .count();
  }
}
