package dev.s3csi.validator.e2e;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static dev.s3csi.validator.e2e.SandboxRun.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios a run must ask for (not in the default six), in one run on the reference profile:
 * reclaimPolicy Retain, WaitForFirstConsumer binding and a read-only mount each keep their promise,
 * and nothing is left behind.
 */
class OptInScenariosEndToEndTest {
  private static SandboxRun result;

  @BeforeAll
  static void run() {
    result =
        SandboxRun.of(
            SandboxOptions.defaults(),
            List.of(
                ScenarioName.RETAIN_RECLAIM,
                ScenarioName.WAIT_FOR_FIRST_CONSUMER,
                ScenarioName.READ_ONLY_MOUNT));
  }

  @Test
  void theRunSucceedsAndLeavesNothingBehind() {
    assertThat(result.run().getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
  }

  @Test
  void theRetainedVolumeAndBucketStayUntilTheValidatorRemovesThem() {
    ScenarioStatus scenario = result.scenario(ScenarioName.RETAIN_RECLAIM);
    assertThat(scenario.getOutcome()).isEqualTo(Outcome.Passed);
    String pv = scenario.getResources().getPvs().get(0);
    String bucket = scenario.getResources().getBuckets().get(0);
    assertThat(step(scenario, "verifyVolume").getOutcome())
        .as("the PV carries reclaimPolicy Retain, as its StorageClass says")
        .isEqualTo(Outcome.Passed);
    assertThat(step(scenario, "volumeRetained").getMessage())
        .isEqualTo(
            "PV " + pv + " Released and kept 5s after its PVC was deleted (reclaimPolicy Retain)");
    assertThat(step(scenario, "bucketRetained").getMessage())
        .isEqualTo("bucket " + bucket + " (with pval-s3-put.bin) kept");
    assertThat(step(scenario, "deleteRetainedVolume").getMessage())
        .isEqualTo("deleted the retained PV " + pv);
    assertThat(step(scenario, "bucketCleanup").getMessage())
        .isEqualTo("bucket " + bucket + " (1 objects) remained; the validator deleted it");
  }

  @Test
  void theClaimWaitsForItsFirstConsumerThenBindsAndTheConsumersWritesReachS3() {
    ScenarioStatus scenario = result.scenario(ScenarioName.WAIT_FOR_FIRST_CONSUMER);
    assertThat(scenario.getOutcome()).isEqualTo(Outcome.Passed);
    String claim = scenario.getResources().getPvcs().get(0);
    String pod = scenario.getResources().getPods().get(0);
    assertThat(scenario.getSteps())
        .extracting(s -> s.getName())
        .startsWith("storageClass", "pendingWithoutConsumer", "consumerPod", "bind");
    assertThat(step(scenario, "pendingWithoutConsumer").getMessage())
        .isEqualTo(
            "PVC "
                + claim
                + " still Pending 2s after it was created, with no pod using it"
                + " (WaitForFirstConsumer)");
    assertThat(step(scenario, "consumerPod").getMessage())
        .isEqualTo("probe pod " + pod + " created as the first consumer of PVC " + claim);
    assertThat(step(scenario, "probe").getMessage())
        .isEqualTo("1 probe pod(s) wrote 1052672 bytes in 3 files");
    assertThat(step(scenario, "verifyObjects").getMessage())
        .startsWith("3 objects in csi-s3-")
        .endsWith("match what the probe wrote (sha256)");
  }

  @Test
  void aReadOnlyMountRefusesEveryWriteAndStillReads() {
    ScenarioStatus scenario = result.scenario(ScenarioName.READ_ONLY_MOUNT);
    assertThat(scenario.getOutcome()).isEqualTo(Outcome.Passed);
    String bucket = scenario.getResources().getBuckets().get(0);
    assertThat(step(scenario, "probe").getMessage())
        .isEqualTo(
            "1 probe pod(s) were refused all 3 writes through their read-only mount and read"
                + " pval-s3-put.bin back intact");
    assertThat(step(scenario, "nothingWritten").getMessage())
        .isEqualTo(
            bucket + " holds only pval-s3-put.bin: nothing came through the read-only mount");
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .endsWith(
                        "write pval-p0-f0.bin refused: FileSystemException: pval-p0-f0.bin:"
                            + " Read-only file system"));
  }
}
