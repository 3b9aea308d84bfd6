package dev.s3csi.validator.e2e;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.sandbox.DriverProfile;
import dev.s3csi.validator.sandbox.S3Accounts;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static dev.s3csi.validator.e2e.SandboxRun.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator's Secret names an S3 account of its own, which sees none of the driver's buckets
 * (403), as when a team's S3 user is not the driver's: the validator says what it lacks, never that
 * the driver lost a bucket or an object. Its own shared bucket still works, mounted with its own
 * Secret.
 */
class SeparateAccountsEndToEndTest {

  @Test
  void theValidatorsLackOfAccessIsNeverTheDriversFailure() {
    SandboxRun result =
        SandboxRun.of(
            SandboxOptions.defaults()
                .withProfile(DriverProfile.SCALITY)
                .withAccounts(S3Accounts.SEPARATE),
            List.of(ScenarioName.DEDICATED_BUCKET, ScenarioName.SHARED_BUCKET),
            // What is asserted is who is blamed, not speed: room for a loaded 2-core machine.
            sandbox -> run -> run.getSpec().getTimeouts().setPodReady("60s"));

    ScenarioStatus dedicated = result.scenario(ScenarioName.DEDICATED_BUCKET);
    assertThat(dedicated.getReason()).isEqualTo(Reason.DriverBucketsNotVisible);
    assertThat(dedicated.getMessage())
        .startsWith("bucketExists: bucket csi-s3-")
        .contains(
            "exists but the validator may not see it (HeadBucket 403)",
            "grant the S3 identity of Secret pval-demo/s3-credentials");
    assertThat(step(dedicated, "verifyVolume").getOutcome()).isEqualTo(Outcome.Passed);
    // Static PVs carry authenticationSource: secret and the validator's Secret: the node mounts
    // the validator's bucket with the validator's account, not the driver's.
    assertThat(result.scenario(ScenarioName.SHARED_BUCKET).getOutcome())
        .as("%s", result.scenario(ScenarioName.SHARED_BUCKET).getMessage())
        .isEqualTo(Outcome.Passed);
    assertThat(result.run().getStatus().getScenarios())
        .extracting(ScenarioStatus::getReason)
        .doesNotContain(Reason.BucketMissing, Reason.ObjectMissing);
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
  }
}
