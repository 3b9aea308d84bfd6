package dev.s3csi.validator.scenario.steps;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.FakeClusterView;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeRetainedStepTest {
  static final Instant START = Instant.parse("2026-12-02T12:00:00Z");

  static ScenarioContext context(FakeClusterView cluster, Instant now) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid("00000000-0000-0000-0000-0000000000aa");
    StepStatus step = new StepStatus("volumeRetained");
    step.setStartTime(START.toString());
    ScenarioStatus status = new ScenarioStatus(ScenarioName.RETAIN_RECLAIM, List.of(step));
    status.getResources().getPvs().add("pvc-1");
    return new ScenarioContext(
        run,
        new SpecDefaults("img").apply(new ValidationSpec(), "ns"),
        status,
        cluster,
        null,
        null,
        now);
  }

  static FakeClusterView withVolume(String phase) {
    return new FakeClusterView()
        .add(
            new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName("pvc-1")
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build());
  }

  @Test
  void aReleasedVolumePassesOnlyOnceItStayedForTheHold() {
    VolumeRetainedStep step = new VolumeRetainedStep();

    assertThat(step.run(context(withVolume("Bound"), START)))
        .isEqualTo(StepResult.awaiting("waiting for PV pvc-1 (Bound) to be Released"));
    assertThat(step.run(context(withVolume("Released"), START.plusSeconds(4))))
        .isInstanceOf(StepResult.Waiting.class);
    assertThat(step.run(context(withVolume("Released"), START.plusSeconds(5))))
        .isEqualTo(
            StepResult.passed(
                "PV pvc-1 Released and kept 5s after its PVC was deleted (reclaimPolicy Retain)"));
  }

  @Test
  void aDeletedVolumeIsRetainNotHonoured() {
    StepResult result = new VolumeRetainedStep().run(context(new FakeClusterView(), START));

    assertThat(result)
        .isEqualTo(
            StepResult.failed(
                Reason.RetainNotHonoured,
                "PV pvc-1 was deleted after its PVC was, although its reclaimPolicy is Retain"));
  }
}
