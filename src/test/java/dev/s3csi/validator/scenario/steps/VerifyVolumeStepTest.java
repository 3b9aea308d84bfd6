package dev.s3csi.validator.scenario.steps;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.FakeClusterView;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyVolumeStepTest {
  static final String BUCKET = "csi-s3-8c5a1d5e-0d6f-4a57-9a53-7e1cfa4e1a11";

  static PersistentVolumeClaim claim() {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("pval-aa-dedicated-0")
        .withNamespace("ns")
        .withUid("claim-uid")
        .endMetadata()
        .withNewSpec()
        .withVolumeName("pvc-claim-uid")
        .endSpec()
        .build();
  }

  static PersistentVolume volume() {
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName("pvc-claim-uid")
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteMany")
        .withPersistentVolumeReclaimPolicy("Delete")
        .withNewClaimRef()
        .withNamespace("ns")
        .withName("pval-aa-dedicated-0")
        .withUid("claim-uid")
        .endClaimRef()
        .withNewCsi()
        .withDriver("s3.csi.scality.com")
        .withVolumeHandle(BUCKET)
        .withVolumeAttributes(Map.of("bucketName", BUCKET))
        .endCsi()
        .endSpec()
        .build();
  }

  static ScenarioContext context(PersistentVolume volume) {
    return context(volume, claim());
  }

  static ScenarioContext context(PersistentVolume volume, PersistentVolumeClaim claim) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid("00000000-0000-0000-0000-0000000000aa");
    ScenarioStatus status = new ScenarioStatus(ScenarioName.DEDICATED_BUCKET, List.of());
    status.getResources().getPvcs().add("pval-aa-dedicated-0");
    FakeClusterView cluster = new FakeClusterView().add(claim);
    if (volume != null) {
      cluster.add(volume);
    }
    return new ScenarioContext(
        run,
        new SpecDefaults("img").apply(new ValidationSpec(), "ns"),
        status,
        cluster,
        null,
        null,
        Instant.EPOCH);
  }

  static Arguments broken(String expected, Consumer<PersistentVolume> breakIt) {
    return Arguments.of(expected, breakIt);
  }

  static Stream<Arguments> brokenVolumes() {
    return Stream.of(
        broken(
            "spec.csi.driver is 'other.csi', expected 's3.csi.scality.com'",
            pv -> pv.getSpec().getCsi().setDriver("other.csi")),
        broken(
            "spec.csi.volumeAttributes.bucketName is 'csi-s3-other', expected '" + BUCKET + "'",
            pv -> pv.getSpec().getCsi().setVolumeAttributes(Map.of("bucketName", "csi-s3-other"))),
        broken("spec.csi.volumeHandle is empty", pv -> pv.getSpec().getCsi().setVolumeHandle("")),
        broken(
            "spec.accessModes [ReadWriteOnce] lacks ReadWriteMany",
            pv -> pv.getSpec().setAccessModes(List.of("ReadWriteOnce"))),
        broken(
            "spec.persistentVolumeReclaimPolicy is 'Retain', expected 'Delete'",
            pv -> pv.getSpec().setPersistentVolumeReclaimPolicy("Retain")),
        broken(
            "spec.claimRef.uid is 'someone-else', expected 'claim-uid'",
            pv -> pv.getSpec().getClaimRef().setUid("someone-else")),
        broken("spec.claimRef is missing", pv -> pv.getSpec().setClaimRef(null)),
        broken("not a CSI volume", pv -> pv.getSpec().setCsi(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenVolumes")
  void reportsEachAttributeTheDriverGotWrong(String expected, Consumer<PersistentVolume> breakIt) {
    PersistentVolume volume = volume();
    breakIt.accept(volume);

    StepResult result = new VerifyVolumeStep().run(context(volume));

    assertThat(result)
        .isInstanceOfSatisfying(
            StepResult.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(Reason.PVAttributesInvalid);
              assertThat(f.message())
                  .startsWith("PV pvc-claim-uid of PVC pval-aa-dedicated-0: ")
                  .contains(expected);
            });
  }

  @Test
  void recordsTheBucketOfACorrectVolume() {
    ScenarioContext ctx = context(volume());

    assertThat(new VerifyVolumeStep().run(ctx)).isInstanceOf(StepResult.Passed.class);
    assertThat(ctx.resources().getBuckets()).containsExactly(BUCKET);
  }

  @Test
  void waitsForAVolumeNotYetInTheCache() {
    assertThat(new VerifyVolumeStep().run(context(null)))
        .isInstanceOfSatisfying(
            StepResult.Waiting.class,
            w ->
                assertThat(w.awaiting())
                    .isEqualTo("waiting for the PV of PVC pval-aa-dedicated-0"));
  }

  /** A claim of a StorageClass with these parameters, which the cluster also holds. */
  static ScenarioContext withStorageClass(PersistentVolume volume, Map<String, String> parameters) {
    PersistentVolumeClaim claim = claim();
    claim.getSpec().setStorageClassName("pval-aa-dedicated");
    ScenarioContext ctx = context(volume, claim);
    ((FakeClusterView) ctx.cluster())
        .add(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("pval-aa-dedicated")
                .endMetadata()
                .withProvisioner("s3.csi.scality.com")
                .withParameters(parameters)
                .build());
    return ctx;
  }

  static final Map<String, String> PROVISIONER_SECRET =
      Map.of(
          "csi.storage.k8s.io/provisioner-secret-name", "team-s3",
          "csi.storage.k8s.io/provisioner-secret-namespace", "ns");

  @Test
  void authenticationSourceMustFollowTheStorageClasssProvisionerSecret() {
    // A provisioner Secret but no authenticationSource: the node would use the driver's keys.
    assertThat(new VerifyVolumeStep().run(withStorageClass(volume(), PROVISIONER_SECRET)))
        .isInstanceOfSatisfying(
            StepResult.Failed.class,
            f ->
                assertThat(f.message())
                    .contains(
                        "spec.csi.volumeAttributes.authenticationSource is 'null', expected"
                            + " 'secret': StorageClass pval-aa-dedicated names provisioner"
                            + " Secret"));
    PersistentVolume asSecret = volume();
    asSecret
        .getSpec()
        .getCsi()
        .setVolumeAttributes(Map.of("bucketName", BUCKET, "authenticationSource", "secret"));
    assertThat(new VerifyVolumeStep().run(withStorageClass(asSecret, PROVISIONER_SECRET)))
        .isInstanceOf(StepResult.Passed.class);
    assertThat(new VerifyVolumeStep().run(withStorageClass(asSecret, Map.of())))
        .isInstanceOfSatisfying(
            StepResult.Failed.class,
            f ->
                assertThat(f.message())
                    .contains("authenticationSource is 'secret', expected 'driver'"));
    assertThat(new VerifyVolumeStep().run(withStorageClass(volume(), Map.of())))
        .isInstanceOf(StepResult.Passed.class);
  }
}
