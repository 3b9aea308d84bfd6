package dev.s3csi.validator.e2e;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.sandbox.DriverProfile;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static dev.s3csi.validator.e2e.SandboxRun.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * All six scenarios in one run against the reference driver (the full contract of the driver's
 * dynamic-provisioning e2e suite): every one passes, nothing is left.
 */
class ReferenceProfileEndToEndTest {
  static SandboxRun result;

  @BeforeAll
  static void runAllSixScenarios() {
    result =
        SandboxRun.of(SandboxOptions.defaults().withProfile(DriverProfile.REFERENCE), List.of());
  }

  @Test
  void runSucceedsAndLeavesNothingBehind() {
    assertThat(result.run().getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(result.run().getStatus().getSummary()).isEqualTo("6/6 passed");
    assertThat(result.run().getStatus().getScenarios())
        .extracting(ScenarioStatus::getName)
        .containsExactlyElementsOf(ScenarioName.defaults());
    assertThat(result.run().getStatus().getLeakedBuckets()).isEmpty();
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
    assertThat(result.audit().orphanBuckets()).isZero();
    assertThat(result.run().getStatus().getScenarios())
        .allSatisfy(
            s -> {
              assertThat(s.getOutcome()).isEqualTo(Outcome.Passed);
              assertThat(s.getNotes()).as("notes of %s", s.getName()).isEmpty();
              assertThat(s.getSteps())
                  .allSatisfy(
                      step -> {
                        assertThat(step.getOutcome()).isEqualTo(Outcome.Passed);
                        assertThat(step.getDurationMillis()).isNotNull().isNotNegative();
                      });
            });
  }

  @Test
  void dedicatedBucketWritesAndReadsThroughItsOwnBucket() {
    ScenarioStatus scenario = result.scenario(ScenarioName.DEDICATED_BUCKET);
    assertThat(scenario.getSteps())
        .extracting(StepStatus::getName)
        .containsExactly(
            "storageClass",
            "bind",
            "verifyVolume",
            "bucketExists",
            "s3Write",
            "probe",
            "verifyObjects",
            "deleteProbe",
            "deleteClaim",
            "volumeReleased",
            "bucketCleanup",
            "deleteStorageClass");
    String bucket = scenario.getResources().getBuckets().get(0);
    assertThat(bucket).startsWith("csi-s3-");
    assertThat(step(scenario, "verifyObjects").getMessage())
        .isEqualTo("3 objects in " + bucket + " match what the probe wrote (sha256)");
    assertThat(step(scenario, "probe").getMessage()).contains("read pval-s3-put.bin back intact");
    assertThat(step(scenario, "bucketCleanup").getMessage())
        .isEqualTo("the driver deleted bucket " + bucket);
  }

  @Test
  void sharedBucketRunsDynamicallyWithOnePrefixPerVolume() {
    ScenarioStatus scenario = result.scenario(ScenarioName.SHARED_BUCKET);
    assertThat(scenario.getMode()).isEqualTo(SharedBucketMode.Dynamic);
    assertThat(scenario.getMessage())
        .isEqualTo("all 8 steps passed in Dynamic mode; cleanup complete");
    assertThat(step(scenario, "sharedVolumes").getMessage())
        .containsPattern(
            "2 PVs share bucket pval-[0-9a-f]{8}-shared under distinct prefixes pvc-\\S+/, pvc-\\S+/");
    assertThat(step(scenario, "staticVolumes").getMessage()).startsWith("not needed");
    assertThat(step(scenario, "probe").getMessage())
        .endsWith("none could see another volume's objects");
    assertThat(step(scenario, "verifyObjects").getMessage())
        .containsPattern("6 objects in pval-[0-9a-f]{8}-shared/pvc-");
    assertThat(scenario.getResources().getPrefixes()).hasSize(2);
    assertThat(step(scenario, "bucketCleanup").getMessage()).contains("the validator deleted it");
  }

  @Test
  void deleteReclaimSeesBothBucketsDeleted() {
    ScenarioStatus scenario = result.scenario(ScenarioName.DELETE_RECLAIM);
    List<String> buckets = scenario.getResources().getBuckets();
    assertThat(step(scenario, "emptyVolume").getMessage())
        .startsWith("deleted 4 objects from bucket " + buckets.get(0));
    assertThat(step(scenario, "bucketDeleted").getMessage())
        .isEqualTo(
            "the driver deleted empty bucket "
                + buckets.get(0)
                + ", and bucket "
                + buckets.get(1)
                + " with its objects");
  }

  @Test
  void storageClassOptionsReachThePvAndTakeEffect() {
    ScenarioStatus scenario = result.scenario(ScenarioName.STORAGE_CLASS_OPTIONS);
    assertThat(step(scenario, "mountOptions").getMessage())
        .contains("-options-0: debug, allow-delete")
        .contains("-options-1: region=us-west-2");
    assertThat(step(scenario, "probe").getMessage()).endsWith("deleting through the mount worked");
    assertThat(step(scenario, "verifyObjects").getMessage())
        .endsWith("the objects deleted through the mount are gone");
  }

  @Test
  void invalidParametersAreEachRefusedWithTheirEventInTheEvidence() {
    ScenarioStatus scenario = result.scenario(ScenarioName.INVALID_PARAMETERS);
    assertThat(step(scenario, "refused").getMessage())
        .isEqualTo(
            "4 invalid configurations refused, each for its expected cause: invalidBucketNaming,"
                + " invalidS3Region, readWriteOnce, missingProvisionerSecret (PVCs unbound 2s after"
                + " a final ProvisioningFailed)");
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(
                        "case invalidBucketNaming refused for its expected cause 'bucketNaming', PVC"
                            + " still unbound 2s later: Warning ProvisioningFailed")
                    .contains("invalid parameter bucketNaming \"invalid-naming-mode\""));
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("case invalidS3Region refused for its expected cause 's3Region'")
                    .contains("\"not-a-region\""));
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("case readWriteOnce refused for its expected cause 'access mode'")
                    .contains("only support ReadWriteMany access mode, got SINGLE_NODE_WRITER"));
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(
                        "case missingProvisionerSecret refused for its expected cause 'secrets"
                            + " \"pval-missing-secret\" not found'")
                    .contains("secrets \"pval-missing-secret\" not found"));
    assertThat(scenario.getResources().getPvs()).isEmpty();
  }

  @Test
  void concurrentVolumesGetDistinctBucketsAndEveryPodsFiles() {
    ScenarioStatus scenario = result.scenario(ScenarioName.CONCURRENT_VOLUMES);
    assertThat(scenario.getResources().getPvcs()).hasSize(5);
    assertThat(scenario.getResources().getBuckets())
        .hasSize(5)
        .doesNotHaveDuplicates()
        .allSatisfy(b -> assertThat(b).startsWith("csi-s3-"));
    assertThat(scenario.getResources().getPods()).hasSize(10);
    assertThat(step(scenario, "verifyObjects").getMessage()).startsWith("30 objects in ");
    assertThat(step(scenario, "orphanBuckets").getMessage())
        .startsWith("every csi-s3-* bucket created since the scenario started belongs to a PV");
  }
}
