package dev.s3csi.validator.scenario.steps;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.kube.FakeClusterView;
import dev.s3csi.validator.s3.S3Checks.ListedBucket;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
class OrphanBucketsTest {
  static final Instant START = Instant.parse("2026-05-01T08:00:00Z");
  static final Instant END = START.plusSeconds(60);

  KubernetesClient client;

  static ListedBucket bucket(String name, Instant created) {
    return new ListedBucket(name, created);
  }

  @Test
  void onlyUnmatchedDriverBucketsCreatedDuringTheWindowAndOldEnoughAreOrphans() {
    List<ListedBucket> listed =
        List.of(
            bucket("csi-s3-orphan", START.plusSeconds(5)),
            bucket("csi-s3-in-use", START.plusSeconds(5)),
            bucket("csi-s3-before-the-run", START.minusSeconds(60)),
            bucket("csi-s3-after-the-run", END.plusSeconds(30)),
            bucket("csi-s3-no-date", null),
            bucket("team-data", START.plusSeconds(5)));

    OrphanBuckets.Scan scan =
        OrphanBuckets.judge(listed, Set.of("csi-s3-in-use"), START, END, END.plusSeconds(60));

    assertThat(scan.orphans()).containsExactly("csi-s3-orphan");
    assertThat(scan.recheckAt()).isEmpty();
  }

  @Test
  void aYoungUnmatchedBucketMayBeInFlightAndIsJudgedLater() {
    Instant created = END.minusSeconds(2);
    OrphanBuckets.Scan scan =
        OrphanBuckets.judge(
            List.of(bucket("csi-s3-young", created), bucket("csi-s3-old", START.plusSeconds(1))),
            Set.of(),
            START,
            END,
            END);

    assertThat(scan.orphans()).containsExactly("csi-s3-old");
    assertThat(scan.recheckAt()).contains(created.plus(OrphanBuckets.IN_FLIGHT));
  }

  @Test
  void bucketsInUseAreThoseOfPvsAndThoseRunsRecorded() {
    ProvisioningValidation run = new ProvisioningValidation();
    run.setStatus(new ValidationStatus());
    ScenarioStatus scenario = new ScenarioStatus(ScenarioName.DELETE_RECLAIM, List.of());
    scenario.getResources().getBuckets().add("csi-s3-kept-until-cleanup");
    run.getStatus().getScenarios().add(scenario);
    FakeClusterView cluster =
        new FakeClusterView()
            .add(
                new PersistentVolumeBuilder()
                    .withNewMetadata()
                    .withName("pvc-1")
                    .endMetadata()
                    .withNewSpec()
                    .withNewCsi()
                    .withVolumeHandle("shared/pvc-1")
                    .withVolumeAttributes(Map.of("bucketName", "shared"))
                    .endCsi()
                    .endSpec()
                    .build())
            .addRun(run);

    assertThat(OrphanBuckets.inUse(cluster))
        .containsExactlyInAnyOrder("shared/pvc-1", "shared", "csi-s3-kept-until-cleanup");
  }

  /**
   * The informer keeps only the validator's PVs: a bucket none of them names is looked up in every
   * PV at the API server before it is called an orphan, since another workload's PV may name it.
   */
  @Test
  void aBucketOnlyAnotherWorkloadsVolumeNamesIsNoOrphan() {
    client
        .persistentVolumes()
        .resource(
            new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName("pvc-tenant")
                .endMetadata()
                .withNewSpec()
                .withStorageClassName("tenant-s3")
                .withNewCsi()
                .withDriver("s3.csi.scality.com")
                .withVolumeHandle("csi-s3-tenant")
                .endCsi()
                .endSpec()
                .build())
        .create();
    List<ListedBucket> listed =
        List.of(
            bucket("csi-s3-tenant", START.plusSeconds(5)),
            bucket("csi-s3-orphan", START.plusSeconds(5)));

    OrphanBuckets.Scan scan =
        OrphanBuckets.scan(
            listed,
            new FakeClusterView(),
            new ClusterWriter(client),
            START,
            END,
            END.plusSeconds(60));

    assertThat(scan.orphans()).containsExactly("csi-s3-orphan");
  }
}
