package dev.s3csi.validator.scenario.steps;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.api.SharedBucketSpec;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.FakeClusterView;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class SharedVolumesStepTest {
  static final String SHARED = "team-shared";

  /** PVC pval-000000aa-shared-{index} bound to a PV with the given attributes. */
  static void bound(FakeClusterView cluster, int index, Map<String, String> attributes) {
    String claim = "pval-000000aa-shared-" + index;
    String pv = "pvc-" + index;
    cluster.add(
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(claim)
            .withNamespace("ns")
            .withUid("uid-" + index)
            .endMetadata()
            .withNewSpec()
            .withVolumeName(pv)
            .endSpec()
            .build());
    PersistentVolume volume =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName(pv)
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteMany")
            .withPersistentVolumeReclaimPolicy("Delete")
            .withNewClaimRef()
            .withNamespace("ns")
            .withName(claim)
            .withUid("uid-" + index)
            .endClaimRef()
            .withNewCsi()
            .withDriver("s3.csi.scality.com")
            .withVolumeHandle(attributes.get("bucketName") + "/" + index)
            .withVolumeAttributes(attributes)
            .endCsi()
            .endSpec()
            .build();
    cluster.add(volume);
  }

  static ScenarioContext context(FakeClusterView cluster, SharedBucketMode mode) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid("00000000-0000-0000-0000-0000000000aa");
    ValidationSpec spec = new ValidationSpec();
    SharedBucketSpec shared = new SharedBucketSpec();
    shared.setBucketName(SHARED);
    shared.setMode(mode);
    spec.setSharedBucket(shared);
    ScenarioStatus status = new ScenarioStatus(ScenarioName.SHARED_BUCKET, List.of());
    return new ScenarioContext(
        run, new SpecDefaults("img").apply(spec, "ns"), status, cluster, null, null, Instant.EPOCH);
  }

  @Test
  void distinctPrefixesInTheSharedBucketMeanDynamicMode() {
    FakeClusterView cluster = new FakeClusterView();
    bound(cluster, 0, Map.of("bucketName", SHARED, "prefix", "pvc-0/"));
    bound(cluster, 1, Map.of("bucketName", SHARED, "prefix", "pvc-1/"));
    ScenarioContext ctx = context(cluster, SharedBucketMode.Auto);

    StepResult result = new SharedVolumesStep(2).run(ctx);

    assertThat(result).isInstanceOf(StepResult.Passed.class);
    assertThat(ctx.status().getMode()).isEqualTo(SharedBucketMode.Dynamic);
    assertThat(ctx.resources().getPrefixes())
        .containsExactly(SHARED + "/pvc-0/", SHARED + "/pvc-1/");
  }

  @Test
  void bucketsOfTheirOwnSwitchAutoToStaticWithANoteAndAreCleanedUp() {
    FakeClusterView cluster = new FakeClusterView();
    bound(cluster, 0, Map.of("bucketName", "csi-s3-a"));
    bound(cluster, 1, Map.of("bucketName", "csi-s3-b"));
    ScenarioContext ctx = context(cluster, SharedBucketMode.Auto);

    StepResult result = new SharedVolumesStep(2).run(ctx);

    assertThat(result).isInstanceOf(StepResult.Passed.class);
    assertThat(ctx.status().getMode()).isEqualTo(SharedBucketMode.Static);
    assertThat(ctx.status().getNotes())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.getReason()).isEqualTo(Reason.SharedBucketUnsupported);
              assertThat(n.getMessage())
                  .contains("PV pvc-0 of PVC pval-000000aa-shared-0 got bucket csi-s3-a");
            });
    assertThat(ctx.resources().getBuckets()).containsExactly("csi-s3-a", "csi-s3-b");
  }

  @Test
  void dynamicModeFailsWhenTheDriverIgnoresTheSharedBucket() {
    FakeClusterView cluster = new FakeClusterView();
    bound(cluster, 0, Map.of("bucketName", "csi-s3-a"));
    bound(cluster, 1, Map.of("bucketName", "csi-s3-b"));

    StepResult result = new SharedVolumesStep(2).run(context(cluster, SharedBucketMode.Dynamic));

    assertThat(result)
        .isInstanceOfSatisfying(
            StepResult.Failed.class,
            f -> assertThat(f.reason()).isEqualTo(Reason.SharedBucketUnsupported));
  }

  @Test
  void twoVolumesUnderOnePrefixBreakIsolation() {
    FakeClusterView cluster = new FakeClusterView();
    bound(cluster, 0, Map.of("bucketName", SHARED, "prefix", "same/"));
    bound(cluster, 1, Map.of("bucketName", SHARED, "prefix", "same/"));

    StepResult result = new SharedVolumesStep(2).run(context(cluster, SharedBucketMode.Auto));

    assertThat(result)
        .isInstanceOfSatisfying(
            StepResult.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(Reason.PrefixIsolationBroken);
              assertThat(f.message())
                  .isEqualTo(
                      "PV pvc-0 and PV pvc-1 share prefix same/ in bucket team-shared: each volume must get its own");
            });
  }
}
