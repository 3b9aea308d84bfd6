package dev.s3csi.validator.scenario.steps;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.FakeClusterView;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.sandbox.S3Clients;
import dev.s3csi.validator.sandbox.S3Keys;
import dev.s3csi.validator.sandbox.S3Server;
import dev.s3csi.validator.spec.SpecDefaults;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** bucketCleanup against a real S3 server of two accounts: the driver's and the validator's. */
class BucketCleanupStepTest {
  static final S3Keys DRIVER = new S3Keys("driveraccess", "driversecret");
  static final S3Keys VALIDATOR = new S3Keys("validatoraccess", "validatorsecret");
  static S3Server server;
  static S3Client driver;
  static S3Checks s3;

  @BeforeAll
  static void start() {
    server = S3Server.start(DRIVER, VALIDATOR);
    driver = S3Clients.standard(server.endpoint(), DRIVER);
    s3 = new S3Checks(S3Clients.standard(server.endpoint(), VALIDATOR));
  }

  @AfterAll
  static void stop() {
    s3.close();
    driver.close();
    server.close();
  }

  private static ScenarioContext context(String bucket) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid("00000000-0000-0000-0000-0000000000aa");
    ValidationSpec spec = new ValidationSpec();
    S3Spec s3Spec = new S3Spec();
    s3Spec.setEndpoint("http://s3.example:8000");
    s3Spec.setCredentialsSecretRef(new SecretReference("s3-creds", null));
    spec.setS3(s3Spec);
    ScenarioStatus status =
        new ScenarioStatus(ScenarioName.DEDICATED_BUCKET, List.of(new StepStatus("bucketCleanup")));
    status.getResources().getBuckets().add(bucket);
    return new ScenarioContext(
        run,
        new SpecDefaults("img").apply(spec, "ns"),
        status,
        new FakeClusterView(),
        null,
        s3,
        Instant.parse("2026-12-02T12:00:00Z"));
  }

  @Test
  void aBucketTheValidatorMayNotTouchFailsAtOnceSayingWhatToDo() {
    driver.createBucket(b -> b.bucket("csi-s3-1"));
    driver.putObject(b -> b.bucket("csi-s3-1").key("kept.bin"), RequestBody.fromString("kept"));

    StepResult result = new BucketCleanupStep().run(context("csi-s3-1"));

    assertThat(result).isInstanceOf(StepResult.Failed.class);
    StepResult.Failed failed = (StepResult.Failed) result;
    assertThat(failed.reason()).isEqualTo(Reason.CleanupFailed);
    assertThat(failed.message())
        .startsWith(
            "bucket csi-s3-1 remained, and the validator may not delete it (HeadBucket 403)")
        .contains("grant the S3 identity of Secret ns/s3-creds");
    assertThat(driver.listObjectsV2(b -> b.bucket("csi-s3-1")).contents())
        .as("the bucket and its object are left as they were")
        .hasSize(1);
  }

  @Test
  void aBucketTheDriverDeletedNeedsNothing() {
    StepResult result = new BucketCleanupStep().run(context("csi-s3-gone"));

    assertThat(result).isEqualTo(new StepResult.Passed("the driver deleted bucket csi-s3-gone"));
  }
}
