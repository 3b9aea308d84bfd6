package dev.s3csi.validator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.scenario.steps.AwaitVolumesGone;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The informer's cache can miss a PV's deletion: once the step has waited a while, the API
 * server, not the cache, tells whether the PV is still there.
 */
@EnableKubernetesMockClient(crud = true)
class AwaitVolumesGoneTest {
  static final String PV = "pvc-0000";
  static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  KubernetesClient client;

  ScenarioContext context(Instant now) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    StepStatus step = new StepStatus("volumeReleased");
    step.setStartTime(STARTED.toString());
    ScenarioStatus status = new ScenarioStatus(ScenarioName.DEDICATED_BUCKET, List.of(step));
    status.getResources().getPvs().add(PV);
    // The cache still shows the PV, whatever the API server holds.
    FakeClusterView cache = new FakeClusterView().add(volume());
    return new ScenarioContext(run, new SpecDefaults("img").apply(new ValidationSpec(), "ns"), status, cache, new ClusterWriter(client),
        null, now);
  }

  static PersistentVolume volume() {
    return new PersistentVolumeBuilder().withNewMetadata().withName(PV).endMetadata().build();
  }

  @Test
  void aVolumeTheCacheStillShowsIsAwaitedWithoutAskingTheApiServerAtFirst() {
    StepResult result = new AwaitVolumesGone().run(context(STARTED.plusSeconds(5)));

    assertThat(result).isInstanceOfSatisfying(StepResult.Waiting.class,
        waiting -> assertThat(waiting.recheckAfter()).isEqualTo(Duration.ofSeconds(10)));
  }

  @Test
  void aVolumeTheApiServerNoLongerHasCountsAsDeletedOnceTheStepHasWaitedAWhile() {
    StepResult result = new AwaitVolumesGone().run(context(STARTED.plusSeconds(20)));

    assertThat(result).isInstanceOfSatisfying(StepResult.Passed.class, passed -> assertThat(passed.message()).isEqualTo("PV " + PV + " deleted"));
  }

  @Test
  void aVolumeTheApiServerStillHasIsAwaitedAndAskedAboutAgainLater() {
    client.persistentVolumes().resource(volume()).create();

    StepResult result = new AwaitVolumesGone().run(context(STARTED.plusSeconds(20)));

    assertThat(result).isInstanceOfSatisfying(StepResult.Waiting.class, waiting -> {
      assertThat(waiting.awaiting()).contains(PV);
      assertThat(waiting.recheckAfter()).isEqualTo(Duration.ofSeconds(15));
    });
  }
}
