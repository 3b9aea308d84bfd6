package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.kube.FakeClusterView;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The informer's cache can miss a deletion: a step awaiting one believes the cache at first, and
 * asks the API server once it has waited a while. Here the cache always shows the object; the API
 * server holds what each test puts there.
 */
@EnableKubernetesMockClient(crud = true)
class CacheCheckTest {
  static final String PV = "pvc-0000";
  static final String CLASS = "pval-0000-dedicated";
  static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  KubernetesClient client;

  ScenarioContext context(String step, HasMetadata cached, Instant now) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    StepStatus record = new StepStatus(step);
    record.setStartTime(STARTED.toString());
    ScenarioStatus status = new ScenarioStatus(ScenarioName.DEDICATED_BUCKET, List.of(record));
    status.getResources().getPvs().add(PV);
    status.getResources().getStorageClasses().add(CLASS);
    return new ScenarioContext(
        run,
        new SpecDefaults("img").apply(new ValidationSpec(), "ns"),
        status,
        new FakeClusterView().add(cached),
        new ClusterWriter(client),
        null,
        now);
  }

  static PersistentVolume volume() {
    return new PersistentVolumeBuilder().withNewMetadata().withName(PV).endMetadata().build();
  }

  static StorageClass storageClass() {
    return new StorageClassBuilder()
        .withNewMetadata()
        .withName(CLASS)
        .endMetadata()
        .withProvisioner("s3.csi.scality.com")
        .build();
  }

  StepResult awaitVolume(long secondsIn) {
    return new VolumeReleasedStep()
        .run(context("volumeReleased", volume(), STARTED.plusSeconds(secondsIn)));
  }

  StepResult deleteClass(long secondsIn) {
    return new DeleteStorageClassStep()
        .run(context("deleteStorageClass", storageClass(), STARTED.plusSeconds(secondsIn)));
  }

  static void waitingFor(StepResult result, Duration recheck) {
    assertThat(result)
        .isInstanceOfSatisfying(
            StepResult.Waiting.class,
            waiting -> assertThat(waiting.recheckAfter()).isEqualTo(recheck));
  }

  @Test
  void aVolumeTheCacheShowsIsAwaitedUntilTheFirstCheckWithoutAskingTheApiServer() {
    waitingFor(awaitVolume(5), Duration.ofSeconds(10));
  }

  @Test
  void aVolumeTheApiServerNoLongerHasCountsAsDeletedOnceTheStepHasWaitedAWhile() {
    assertThat(awaitVolume(20)).isEqualTo(StepResult.passed("PV " + PV + " deleted"));
  }

  @Test
  void aVolumeTheApiServerStillHasIsAwaitedAndAskedAboutAgainLater() {
    client.persistentVolumes().resource(volume()).create();

    waitingFor(awaitVolume(20), Duration.ofSeconds(15));
    assertThat(client.persistentVolumes().withName(PV).get())
        .as("left to the driver to delete")
        .isNotNull();
  }

  @Test
  void aClassTheCacheShowsIsAwaitedUntilTheFirstCheck() {
    waitingFor(deleteClass(5), Duration.ofSeconds(10));
  }

  @Test
  void aClassTheApiServerNoLongerHasCountsAsDeletedOnceTheStepHasWaitedAWhile() {
    assertThat(deleteClass(20)).isEqualTo(StepResult.passed("deleted StorageClass " + CLASS));
  }

  @Test
  void aClassTheApiServerStillHasIsDeletedAndAwaited() {
    StorageClass held = storageClass();
    // A finalizer keeps it after the deletion request, as a real API server would.
    held.getMetadata().setFinalizers(List.of("example.com/hold"));
    client.storage().v1().storageClasses().resource(held).create();

    waitingFor(deleteClass(20), Duration.ofSeconds(15));
    assertThat(
            client
                .storage()
                .v1()
                .storageClasses()
                .withName(CLASS)
                .get()
                .getMetadata()
                .getDeletionTimestamp())
        .as("deletion requested")
        .isNotNull();
  }
}
