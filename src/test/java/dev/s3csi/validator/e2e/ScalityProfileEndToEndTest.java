package dev.s3csi.validator.e2e;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioNote;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.sandbox.DriverProfile;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static dev.s3csi.validator.e2e.SandboxRun.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * All six scenarios in one run against Scality driver 2.2 as documented: the validator tells the
 * truth about it, and passes with notes. Shared buckets only work as static PVs, unknown parameters
 * are ignored, and non-empty buckets are kept on delete.
 */
class ScalityProfileEndToEndTest {
  static SandboxRun result;

  @BeforeAll
  static void runAllSixScenarios() {
    result = SandboxRun.of(SandboxOptions.defaults().withProfile(DriverProfile.SCALITY), List.of());
  }

  static List<String> notes(ScenarioStatus scenario, Reason reason) {
    return scenario.getNotes().stream()
        .filter(n -> n.getReason() == reason)
        .map(ScenarioNote::getMessage)
        .toList();
  }

  @Test
  void runPassesWithNotesAndLeavesNothingBehind() {
    assertThat(result.run().getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(result.run().getStatus().getSummary()).isEqualTo("6/6 passed");
    assertThat(result.run().getStatus().getLeakedBuckets()).isEmpty();
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
    for (ScenarioStatus scenario : result.run().getStatus().getScenarios()) {
      assertThat(scenario.getOutcome()).as("%s", scenario.getName()).isEqualTo(Outcome.Passed);
    }
  }

  @Test
  void sharedBucketFallsBackToStaticPvsAndSaysWhy() {
    ScenarioStatus scenario = result.scenario(ScenarioName.SHARED_BUCKET);
    assertThat(scenario.getMode()).isEqualTo(SharedBucketMode.Static);
    assertThat(scenario.getMessage())
        .isEqualTo("all 8 steps passed in Static mode; cleanup complete");
    assertThat(notes(scenario, Reason.SharedBucketUnsupported))
        .singleElement()
        .asString()
        .containsPattern(
            "bucketName: pval-[0-9a-f]{8}-shared\\): PV pvc-\\S+ of PVC pval-[0-9a-f]{8}-shared-0 got bucket csi-s3-")
        .endsWith("validated with static PVs instead");
    assertThat(step(scenario, "staticVolumes").getMessage())
        .containsPattern(
            "2 static PVs in bucket pval-[0-9a-f]{8}-shared under prefixes pval-[0-9a-f]{8}-shared-static-0/, pval-[0-9a-f]{8}-shared-static-1/");
    assertThat(step(scenario, "probe").getMessage())
        .endsWith("none could see another volume's objects");
    assertThat(step(scenario, "prefixCleanup").getMessage())
        .contains("-shared-static-0/ (4 objects)");
    // The buckets the driver made for the ignored dynamic PVCs are the scenario's to clean up.
    assertThat(scenario.getResources().getBuckets())
        .filteredOn(b -> b.startsWith("csi-s3-"))
        .hasSize(2);
  }

  @Test
  void invalidParametersNoteTheIgnoredParametersAndTheirBucketsAndCountOnlyRealRefusals() {
    ScenarioStatus scenario = result.scenario(ScenarioName.INVALID_PARAMETERS);
    assertThat(scenario.getOutcome()).isEqualTo(Outcome.Passed);
    assertThat(step(scenario, "refused").getMessage())
        .isEqualTo(
            "2 of 4 invalid configurations refused (readWriteOnce, missingProvisionerSecret;"
                + " PVCs unbound 2s after it); the driver ignored invalidBucketNaming,"
                + " invalidS3Region (noted as InvalidParameterIgnored)");
    assertThat(notes(scenario, Reason.InvalidParameterIgnored))
        .satisfiesExactly(
            n ->
                assertThat(n)
                    .containsPattern(
                        "^case invalidBucketNaming \\(bucketNaming=invalid-naming-mode, StorageClass"
                            + " pval-[0-9a-f]{8}-invalid-0\\): PVC pval-[0-9a-f]{8}-invalid-0 was"
                            + " Bound to PV pvc-\\S+ with bucket csi-s3-")
                    .endsWith(
                        "the PV shows no trace of bucketNaming: the driver ignored what it should"
                            + " have refused"),
            n ->
                assertThat(n)
                    .startsWith("case invalidS3Region (s3Region=not-a-region, StorageClass")
                    .contains("no trace of s3Region"));
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("case readWriteOnce refused for its expected cause 'access mode'")
                    .contains(
                        "rpc error: code = InvalidArgument desc = S3 volumes only support ReadWriteMany access mode, got SINGLE_NODE_WRITER"));
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("case missingProvisionerSecret refused for its expected cause")
                    .contains(
                        "error getting secret pval-missing-secret in namespace pval-demo: secrets \"pval-missing-secret\" not found"));
    assertThat(scenario.getResources().getBuckets()).hasSize(2);
    assertThat(step(scenario, "bucketCleanup").getMessage())
        .startsWith("the driver deleted bucket csi-s3-");
  }

  @Test
  void deleteReclaimPassesAndNotesTheRetainedBucket() {
    ScenarioStatus scenario = result.scenario(ScenarioName.DELETE_RECLAIM);
    List<String> buckets = scenario.getResources().getBuckets();
    assertThat(step(scenario, "bucketDeleted").getMessage())
        .isEqualTo(
            "the driver deleted empty bucket "
                + buckets.get(0)
                + " and kept bucket "
                + buckets.get(1)
                + " holding 4 objects");
    assertThat(notes(scenario, Reason.NonEmptyBucketRetained))
        .singleElement()
        .asString()
        .startsWith("the driver kept bucket " + buckets.get(1) + " of PV pvc-")
        .contains("with its 4 objects");
    assertThat(step(scenario, "bucketCleanup").getMessage())
        .contains("bucket " + buckets.get(1) + " (4 objects) remained; the validator deleted it");
  }

  @Test
  void storageClassOptionsNoteTheIgnoredRegionParameter() {
    ScenarioStatus scenario = result.scenario(ScenarioName.STORAGE_CLASS_OPTIONS);
    assertThat(notes(scenario, Reason.ParametersIgnored))
        .singleElement()
        .asString()
        .startsWith("StorageClass parameter s3Region=us-west-2 left no trace on PV pvc-")
        .containsPattern("of StorageClass pval-[0-9a-f]{8}-options-1");
    assertThat(step(scenario, "mountOptions").getMessage()).contains("region=us-west-2");
  }
}
