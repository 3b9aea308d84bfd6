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
import dev.s3csi.validator.scenario.steps.DeleteStorageClass;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deletion the informer's cache missed holds the step only until the API server is asked, a
 * while into the step; an object the API server still has keeps it waiting.
 */
@EnableKubernetesMockClient(crud = true)
class DeleteStorageClassTest {
  static final String CLASS = "pval-0000-dedicated";
  static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  KubernetesClient client;

  ScenarioContext context(Instant now) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    StepStatus step = new StepStatus("deleteStorageClass");
    step.setStartTime(STARTED.toString());
    ScenarioStatus status = new ScenarioStatus(ScenarioName.DEDICATED_BUCKET, List.of(step));
    status.getResources().getStorageClasses().add(CLASS);
    // The cache still shows the class, not being deleted, whatever the API server holds.
    FakeClusterView cache = new FakeClusterView().add(storageClass());
    return new ScenarioContext(run, new SpecDefaults("img").apply(new ValidationSpec(), "ns"), status, cache, new ClusterWriter(client),
        null, now);
  }

  static StorageClass storageClass() {
    return new StorageClassBuilder().withNewMetadata().withName(CLASS).endMetadata().withProvisioner("s3.csi.scality.com").build();
  }

  @Test
  void earlyOnTheCacheIsBelievedAndTheApiServerIsAskedAfterTheRest() {
    StepResult result = new DeleteStorageClass().run(context(STARTED.plusSeconds(5)));

    assertThat(result).isInstanceOfSatisfying(StepResult.Waiting.class,
        waiting -> assertThat(waiting.recheckAfter()).isEqualTo(Duration.ofSeconds(10)));
  }

  @Test
  void aClassTheApiServerNoLongerHasCountsAsDeletedOnceTheStepHasWaitedAWhile() {
    StepResult result = new DeleteStorageClass().run(context(STARTED.plusSeconds(20)));

    assertThat(result).isInstanceOfSatisfying(StepResult.Passed.class,
        passed -> assertThat(passed.message()).isEqualTo("deleted StorageClass " + CLASS));
  }

  @Test
  void aClassTheApiServerStillHasIsDeletedAndAwaited() {
    StorageClass held = storageClass();
    // A finalizer keeps it after the deletion request, as a real API server would.
    held.getMetadata().setFinalizers(List.of("example.com/hold"));
    client.storage().v1().storageClasses().resource(held).create();

    StepResult result = new DeleteStorageClass().run(context(STARTED.plusSeconds(20)));

    assertThat(result).isInstanceOfSatisfying(StepResult.Waiting.class,
        waiting -> assertThat(waiting.recheckAfter()).isEqualTo(Duration.ofSeconds(15)));
    assertThat(client.storage().v1().storageClasses().withName(CLASS).get().getMetadata().getDeletionTimestamp())
        .as("deletion requested").isNotNull();
  }
}
