package dev.s3csi.validator.kube;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.StorageClassTemplate;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.probe.ProbeInvocation;
import dev.s3csi.validator.probe.ProbePlan;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectFactoriesTest {
  static ProvisioningValidation run() {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("nightly");
    run.getMetadata().setNamespace("storage-checks");
    run.getMetadata().setUid("3f1c2a9e-1111-4222-8333-0123456789ab");
    return run;
  }

  static EffectiveSpec spec(List<String> mountOptions) {
    ValidationSpec spec = new ValidationSpec();
    StorageClassTemplate template = new StorageClassTemplate();
    template.setParameters(Map.of("csi.storage.k8s.io/provisioner-secret-name", "s3-secret"));
    template.setMountOptions(mountOptions);
    spec.setStorageClass(template);
    return new SpecDefaults("registry.example/pv:1").apply(spec, "storage-checks");
  }

  @Test
  void namesAreDeterministicPerRunAndScenario() {
    ScenarioNames names = ScenarioNames.of(run(), ScenarioName.DEDICATED_BUCKET);
    assertThat(names.storageClass()).isEqualTo("pval-456789ab-dedicated");
    assertThat(names.claim(2)).isEqualTo("pval-456789ab-dedicated-2");
    assertThat(names.probePod(0)).isEqualTo("pval-456789ab-dedicated-probe-0");
    assertThat(ScenarioNames.of(run(), ScenarioName.DEDICATED_BUCKET)).isEqualTo(names);
  }

  @Test
  void storageClassMergesParametersAndAddsProbeAccessOptions() {
    Map<String, String> labels = RunLabels.of(run(), ScenarioName.DEDICATED_BUCKET);
    StorageClass sc =
        StorageClassFactory.build(
            "pval-x",
            labels,
            RunLabels.annotations(run()),
            spec(List.of("debug")),
            Map.of("bucketNaming", "dedicated"),
            List.of("allow-delete"),
            StorageClassFactory.RECLAIM_RETAIN,
            StorageClassFactory.BIND_FOR_FIRST_CONSUMER);

    assertThat(sc.getReclaimPolicy()).isEqualTo("Retain");
    assertThat(sc.getVolumeBindingMode()).isEqualTo("WaitForFirstConsumer");
    assertThat(sc.getProvisioner()).isEqualTo("s3.csi.scality.com");
    assertThat(sc.getParameters())
        .containsOnly(
            Map.entry("csi.storage.k8s.io/provisioner-secret-name", "s3-secret"),
            Map.entry("bucketNaming", "dedicated"));
    assertThat(sc.getMountOptions())
        .containsExactly("debug", "allow-delete", "uid=65532", "gid=65532", "allow-other");
    assertThat(sc.getMetadata().getLabels())
        .containsEntry(RunLabels.RUN, "nightly")
        .containsEntry(RunLabels.RUN_NAMESPACE, "storage-checks")
        .containsEntry(RunLabels.MANAGED_BY, RunLabels.MANAGER);
    assertThat(RunLabels.runOf(sc))
        .contains(
            new RunLabels.RunRef(
                "storage-checks", "nightly", "3f1c2a9e-1111-4222-8333-0123456789ab"));
    assertThat(RunLabels.belongsTo(sc, run())).isTrue();
    ProvisioningValidation laterRunOfTheSameName = run();
    laterRunOfTheSameName.getMetadata().setUid("99999999-1111-4222-8333-0123456789ab");
    assertThat(RunLabels.belongsTo(sc, laterRunOfTheSameName))
        .as("an earlier run's object is not re-adopted")
        .isFalse();
  }

  @Test
  void aRunNameTooLongForALabelIsBoundedInTheLabelAndWholeInTheAnnotation() {
    ProvisioningValidation run = run();
    String name = "nightly-" + "a-very-long-validation-name-".repeat(3) + "for-the-storage-team";
    assertThat(name).hasSize(112);
    run.getMetadata().setName(name);
    Map<String, String> labels = RunLabels.of(run, ScenarioName.DEDICATED_BUCKET);
    PersistentVolumeClaim claim = ClaimFactory.build(run, "pval-x-0", labels, "pval-x");

    String label = claim.getMetadata().getLabels().get(RunLabels.RUN);
    assertThat(label)
        .hasSizeLessThanOrEqualTo(63)
        .startsWith("nightly-a-very-long-validation-name-a-very-long")
        .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    assertThat(claim.getMetadata().getLabels().values())
        .allSatisfy(value -> assertThat(value).hasSizeLessThanOrEqualTo(63));
    assertThat(RunLabels.runOf(claim).map(RunLabels.RunRef::name)).contains(name);
    assertThat(RunLabels.belongsTo(claim, run)).isTrue();
    ProvisioningValidation sameStart = run();
    sameStart.getMetadata().setName(name.replace("storage-team", "network-team"));
    assertThat(RunLabels.of(sameStart, ScenarioName.DEDICATED_BUCKET).get(RunLabels.RUN))
        .as("names that share their first 52 characters keep distinct labels")
        .isNotEqualTo(label);
  }

  @ParameterizedTest(name = "user option {0} is kept, not duplicated")
  @CsvSource({"uid=1000, uid", "--gid 2000, gid", "allow-other, allow-other"})
  void userProbeAccessOptionsWin(String option, String key) {
    List<String> options = StorageClassFactory.withProbeAccess(List.of(option), 65532);
    assertThat(options).contains(option);
    assertThat(options.stream().map(MountOptions::key).filter(key::equals)).hasSize(1);
  }

  @Test
  void claimIsRwxOwnedByTheRunAndLabelled() {
    PersistentVolumeClaim claim =
        ClaimFactory.build(
            run(), "pval-x-0", RunLabels.of(run(), ScenarioName.DEDICATED_BUCKET), "pval-x");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("pval-x");
    assertThat(claim.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getUid()).isEqualTo(run().getMetadata().getUid());
              assertThat(o.getKind()).isEqualTo("ProvisioningValidation");
            });
  }

  @Test
  void probePodMeetsTheRestrictedPodSecurityStandard() {
    ProbeInvocation invocation =
        new ProbeInvocation("/data", new ProbePlan(null, null, null), "/dev/termination-log");
    Pod pod =
        ProbePodFactory.build(
            run(), "pval-x-probe-0", Map.of(), "pval-x-0", invocation, spec(List.of()), false);

    var podSecurity = pod.getSpec().getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isEqualTo(65532L);
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSpec().getVolumes()).noneMatch(v -> v.getHostPath() != null);
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(180L);
    assertThat(container.getImage()).isEqualTo("registry.example/pv:1");
    assertThat(container.getArgs()).isEqualTo(invocation.toArgs());
    assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(pod.getSpec().getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("pval-x-0");
              assertThat(v.getPersistentVolumeClaim().getReadOnly()).isFalse();
            });
  }

  @Test
  void aReadOnlyProbePodAsksForTheClaimReadOnly() {
    ProbeInvocation invocation =
        new ProbeInvocation("/data", new ProbePlan(null, null, null), "/dev/termination-log");
    Pod pod =
        ProbePodFactory.build(
            run(), "pval-x-probe-0", Map.of(), "pval-x-0", invocation, spec(List.of()), true);

    assertThat(pod.getSpec().getVolumes())
        .filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .singleElement()
        .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue());
  }
}
