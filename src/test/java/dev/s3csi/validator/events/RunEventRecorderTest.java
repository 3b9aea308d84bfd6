package dev.s3csi.validator.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.observe.Transition;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
class RunEventRecorderTest {
  private static final ScenarioName DEDICATED = ScenarioName.DEDICATED_BUCKET;
  KubernetesClient client;

  private ProvisioningValidation run() {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("nightly-x7k2p");
    run.getMetadata().setNamespace("checks");
    run.getMetadata().setUid("6f1c0c2e-0000-4000-8000-000000000001");
    return run;
  }

  private List<Event> events() {
    return client.v1().events().inNamespace("checks").list().getItems();
  }

  @Test
  void eachScenarioTransitionAndTheRunsEndBecomeAnEventOnTheRun() {
    RunEventRecorder recorder =
        new RunEventRecorder(
            client,
            Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC),
            "validator-0");
    ProvisioningValidation run = run();

    recorder.persisted(
        run,
        new ValidationStatus(),
        List.of(
            new Transition.ScenarioStarted(DEDICATED),
            new Transition.StepFinished(DEDICATED, "bind", false, Outcome.Passed, 10, "bound"),
            new Transition.StepFinished(
                DEDICATED, "verifyObjects", false, Outcome.Failed, 10, "object missing"),
            new Transition.ScenarioFinished(
                DEDICATED,
                Outcome.Failed,
                Reason.ObjectMissing,
                "verifyObjects: object pval-p0-f0.bin missing"),
            new Transition.StepFinished(
                DEDICATED, "bucketCleanup", true, Outcome.Failed, 10, "AccessDenied"),
            new Transition.NoteAdded(
                DEDICATED, Reason.InvalidParameterIgnored, "case x: the driver ignored it"),
            new Transition.RunFinished(
                Phase.Failed,
                "0/1 passed",
                "dedicatedBucket: verifyObjects: object pval-p0-f0.bin missing")));

    assertThat(events())
        .extracting(Event::getType, Event::getReason, Event::getMessage)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "Normal", "ScenarioStarted", "dedicatedBucket: started"),
            org.assertj.core.groups.Tuple.tuple(
                "Warning",
                "ScenarioFailed",
                "dedicatedBucket failed with ObjectMissing: verifyObjects: object pval-p0-f0.bin missing"),
            org.assertj.core.groups.Tuple.tuple(
                "Warning",
                "CleanupFailed",
                "dedicatedBucket: cleanup step bucketCleanup failed: AccessDenied"),
            org.assertj.core.groups.Tuple.tuple(
                "Normal",
                "InvalidParameterIgnored",
                "dedicatedBucket: case x: the driver ignored it"),
            org.assertj.core.groups.Tuple.tuple(
                "Warning",
                "RunFailed",
                "0/1 passed: dedicatedBucket: verifyObjects: object pval-p0-f0.bin missing"));
    assertThat(events())
        .allSatisfy(
            e -> {
              assertThat(e.getInvolvedObject().getKind()).isEqualTo("ProvisioningValidation");
              assertThat(e.getInvolvedObject().getName()).isEqualTo("nightly-x7k2p");
              assertThat(e.getInvolvedObject().getUid()).isEqualTo(run.getMetadata().getUid());
              assertThat(e.getInvolvedObject().getApiVersion())
                  .isEqualTo("validation.s3csi.dev/v1alpha1");
              assertThat(e.getMetadata().getName()).startsWith("nightly-x7k2p.");
              assertThat(e.getLastTimestamp()).isEqualTo("2026-11-27T10:00:00Z");
              assertThat(e.getSource().getComponent()).isEqualTo("provisioning-validator");
              assertThat(e.getReportingInstance()).isEqualTo("validator-0");
            });
  }

  @Test
  void aTransitionReportedTwiceIsOneEventAndLongMessagesAreCut() {
    RunEventRecorder recorder = new RunEventRecorder(client, Clock.systemUTC(), "validator-0");
    String longMessage = "x".repeat(5000);
    List<Transition> transitions =
        List.of(new Transition.ScenarioFinished(DEDICATED, Outcome.Passed, null, longMessage));

    recorder.persisted(run(), new ValidationStatus(), transitions);
    recorder.persisted(run(), new ValidationStatus(), transitions);

    assertThat(events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getReason()).isEqualTo("ScenarioPassed");
              assertThat(e.getMessage()).hasSize(RunEventRecorder.MAX_MESSAGE).endsWith("…");
            });
  }

  @Test
  void eventNamesStayWithinTheNameLimitForLongRunNames() {
    ProvisioningValidation run = run();
    run.getMetadata().setName("r".repeat(253));

    String name =
        RunEventRecorder.eventName(
            run, new RunEventRecorder.RunEvent("Normal", "RunSucceeded", "1/1 passed"));

    assertThat(name).hasSize(253).matches("r+\\.[0-9a-f]{16}");
  }
}
