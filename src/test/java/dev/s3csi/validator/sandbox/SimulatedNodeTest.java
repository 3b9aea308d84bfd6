package dev.s3csi.validator.sandbox;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated node ends pods as kubelet does. */
class SimulatedNodeTest {
  private static SimulatedCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster =
        SimulatedCluster.start(
            SandboxOptions.defaults().withFaults(Set.of()), "nobody", Timeline.anonymous());
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aPodStillWaitingForItsVolumeAtItsActiveDeadlineIsFailedWithDeadlineExceeded() {
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("waits-for-a-claim")
                .endMetadata()
                .withNewSpec()
                .withActiveDeadlineSeconds(1L)
                .addNewContainer()
                .withName("probe")
                .withImage("probe")
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewPersistentVolumeClaim()
                .withClaimName("never-created")
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .build())
        .create();

    Pod ended = awaitFinished("waits-for-a-claim", Duration.ofSeconds(20));

    assertThat(ended.getSpec().getNodeName()).isEqualTo(SimulatedCluster.NODE);
    assertThat(ended.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(ended.getStatus().getReason()).isEqualTo("DeadlineExceeded");
    assertThat(ended.getStatus().getMessage())
        .isEqualTo("Pod was active on the node longer than the specified deadline");
  }

  private static Pod awaitFinished(String name, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Pod pod = client.pods().inNamespace("default").withName(name).get();
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if ("Failed".equals(phase) || "Succeeded".equals(phase) || System.nanoTime() > deadline) {
        return pod;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return pod;
      }
    }
  }
}
