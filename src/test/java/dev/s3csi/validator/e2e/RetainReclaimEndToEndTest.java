package dev.s3csi.validator.e2e;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static dev.s3csi.validator.e2e.SandboxRun.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * reclaimPolicy Retain on the reference profile: the PV is Released and kept, the bucket keeps its
 * object, then the validator removes both, and nothing is left behind.
 */
class RetainReclaimEndToEndTest {

  @Test
  void theRetainedVolumeAndBucketStayUntilTheValidatorRemovesThem() {
    SandboxRun result =
        SandboxRun.of(SandboxOptions.defaults(), List.of(ScenarioName.RETAIN_RECLAIM));

    assertThat(result.run().getStatus().getPhase()).isEqualTo(Phase.Succeeded);
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
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
  }
}
