package dev.s3csi.validator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.realworld.AuditLog;
import dev.s3csi.validator.sandbox.Timeline.ChangeKind;

import io.fabric8.kubernetes.client.utils.Serialization;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReactionsTest {
  private static final String OPERATOR = "system:serviceaccount:pv:pval";
  private static final String CONTROLLERS = "admin";
  private static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");
  private static final String PVC = "pval-000000aa-db-0";
  private static final String POD = "pval-000000aa-db-probe-0";
  private static final String PV = "pvc-0f0f";

  private static AuditLog.Event event(
      String user,
      String verb,
      String resource,
      String sub,
      String name,
      long micros,
      JsonNode stored) {
    return new AuditLog.Event(
        user,
        "agent",
        verb,
        "",
        resource,
        sub,
        "pval-demo",
        name,
        "/",
        200,
        "ResponseComplete",
        T0,
        T0.plusNanos(micros * 1000),
        stored);
  }

  private static JsonNode phase(String phase) {
    return json("{\"status\":{\"phase\":\"" + phase + "\"}}");
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The operator's status write of run "a" with {@code finished} of dedicatedBucket's steps done.
   */
  private static AuditLog.Event status(int finished, long micros) {
    List<StepStatus> steps = new ArrayList<>();
    for (String name : List.of("bind", "probe", "deleteClaim")) {
      StepStatus step = new StepStatus(name);
      step.setOutcome(steps.size() < finished ? Outcome.Passed : Outcome.Running);
      steps.add(step);
    }
    ScenarioStatus scenario = new ScenarioStatus(ScenarioName.DEDICATED_BUCKET, steps);
    scenario.getResources().getPvcs().add(PVC);
    scenario.getResources().getPods().add(POD);
    scenario.getResources().getPvs().add(PV);
    ProvisioningValidation written = new ProvisioningValidation();
    written.getMetadata().setName("a");
    written.setStatus(new ValidationStatus());
    written.getStatus().getScenarios().add(scenario);
    return event(
        OPERATOR,
        "update",
        "provisioningvalidations",
        "status",
        "a",
        micros,
        json(Serialization.asJson(written)));
  }

  @Test
  void eachChangeAnotherComponentMadeIsTimedToTheOperatorsConclusionOnTheApiServersClock() {
    List<AuditLog.Event> log =
        List.of(
            status(0, 1_000),
            event(
                CONTROLLERS,
                "update",
                "persistentvolumeclaims",
                "status",
                PVC,
                5_000,
                phase("Pending")),
            event(
                CONTROLLERS,
                "update",
                "persistentvolumeclaims",
                "status",
                PVC,
                10_000,
                phase("Bound")),
            status(1, 25_000),
            event(CONTROLLERS, "patch", "pods", "status", POD, 30_000, phase("Running")),
            event(CONTROLLERS, "patch", "pods", "status", POD, 40_000, phase("Succeeded")),
            status(2, 47_500),
            // Deleted, then gone once the last finalizer was removed: the removal is the change.
            event(CONTROLLERS, "delete", "persistentvolumes", "", PV, 50_000, null),
            event(CONTROLLERS, "update", "persistentvolumes", "", PV, 60_000, null),
            status(3, 70_000));

    ReactionLatency latency = AuditReactions.measure(log, OPERATOR, Set.of("a"));

    assertThat(latency.samples())
        .containsExactly(
            new ReactionLatency.Sample(ChangeKind.BOUND, 15.0),
            new ReactionLatency.Sample(ChangeKind.POD_FINISHED, 7.5),
            new ReactionLatency.Sample(ChangeKind.VOLUME_DELETED, 10.0));
    assertThat(latency.unanswered()).isZero();
  }

  @Test
  void theOperatorsOwnWritesFailedRequestsAndOtherRunsAreNoChanges() {
    AuditLog.Event refused =
        new AuditLog.Event(
            CONTROLLERS,
            "agent",
            "update",
            "",
            "persistentvolumeclaims",
            "status",
            "pval-demo",
            PVC,
            "/",
            409,
            "ResponseComplete",
            T0,
            T0.plusMillis(10),
            phase("Bound"));
    List<AuditLog.Event> log =
        List.of(
            status(0, 1_000),
            refused,
            // The operator deleting a PV no other component holds: its own write, not a change.
            event(OPERATOR, "delete", "persistentvolumes", "", PV, 12_000, null),
            status(1, 25_000));

    assertThat(AuditReactions.measure(log, OPERATOR, Set.of("a")).samples()).isEmpty();
    assertThat(AuditReactions.measure(log, OPERATOR, Set.of("b")).samples()).isEmpty();
  }
}
