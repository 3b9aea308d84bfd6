package dev.s3csi.validator.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.RunWatcher;
import dev.s3csi.validator.sandbox.Sandbox;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** The real operator against the sandbox: the dedicatedBucket scenario, clean and with each fault. */
class DedicatedBucketEndToEndTest {

  static ProvisioningValidation runOnSandbox(Set<Fault> faults) {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withFaults(faults));
        ValidatorOperator operator = sandbox.startOperator()) {
      ProvisioningValidation run = sandbox.validation("e2e", List.of(ScenarioName.DEDICATED_BUCKET));
      sandbox.client().resource(run).create();
      ProvisioningValidation finished = new RunWatcher(sandbox.client()).awaitFinished(run, Duration.ofSeconds(30));
      assertThat(RunWatcher.isFinished(finished)).as("run finished: %s", finished.getStatus()).isTrue();
      assertThat(sandbox.audit().isClean()).as("left behind: %s", sandbox.audit()).isTrue();
      return finished;
    }
  }

  static ScenarioStatus dedicated(ProvisioningValidation run) {
    return run.getStatus().getScenarios().stream()
        .filter(s -> s.getName() == ScenarioName.DEDICATED_BUCKET).findFirst().orElseThrow();
  }

  static StepStatus step(ScenarioStatus scenario, String name) {
    return scenario.getSteps().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void healthyDriverPassesEveryStepAndLeavesNothingBehind() {
    ProvisioningValidation run = runOnSandbox(Set.of());

    assertThat(run.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(run.getStatus().getSummary()).isEqualTo("1/1 passed");
    ScenarioStatus scenario = dedicated(run);
    assertThat(scenario.getOutcome()).isEqualTo(Outcome.Passed);
    assertThat(scenario.getSteps()).extracting(StepStatus::getName).containsExactly("storageClass", "bind",
        "verifyVolume", "bucketExists", "s3Write", "probe", "verifyObjects", "deleteProbe", "deleteClaim",
        "volumeReleased", "bucketCleanup", "deleteStorageClass");
    assertThat(scenario.getSteps()).allSatisfy(s -> {
      assertThat(s.getOutcome()).isEqualTo(Outcome.Passed);
      assertThat(s.getStartTime()).isNotNull();
      assertThat(s.getDurationMillis()).isNotNull().isNotNegative();
    });
    String bucket = scenario.getResources().getBuckets().get(0);
    assertThat(bucket).startsWith("csi-s3-");
    assertThat(step(scenario, "verifyObjects").getMessage()).isEqualTo("3 objects in " + bucket + " match what the probe wrote (sha256)");
    assertThat(step(scenario, "probe").getMessage()).contains("read pval-s3-put.bin back intact");
    assertThat(step(scenario, "bucketCleanup").getMessage()).isEqualTo("the driver deleted bucket " + bucket);
    assertThat(run.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Succeeded");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getObservedGeneration()).isEqualTo(run.getMetadata().getGeneration());
    });
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(Fault.DRIVER_DOWN, Reason.ProvisioningTimeout, "bind",
            List.of("PVC pval-", "to be Bound after 8s", "is the driver's controller running?")),
        Arguments.of(Fault.BUCKET_MISSING, Reason.BucketMissing, "bucketExists",
            List.of("bucket csi-s3-", "named by PV pvc-", "does not exist (HeadBucket 404)")),
        Arguments.of(Fault.WRITE_LOST, Reason.ObjectMissing, "verifyObjects",
            List.of("waiting for object csi-s3-", "/pval-p0-f0.bin", "to appear in S3 after 4s")),
        Arguments.of(Fault.DATA_CORRUPT, Reason.DataMismatch, "verifyObjects",
            List.of("object csi-s3-", "/pval-p0-f0.bin holds 1 bytes", "probe pod pval-", "wrote 0 bytes")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("faults")
  void eachFaultIsReportedWithItsReasonAndTheObjectsInvolved(Fault fault, Reason reason, String failedStep, List<String> fragments) {
    ProvisioningValidation run = runOnSandbox(Set.of(fault));

    assertThat(run.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(run.getStatus().getFirstFailure()).isEqualTo("dedicatedBucket: " + reason);
    ScenarioStatus scenario = dedicated(run);
    assertThat(scenario.getOutcome()).isEqualTo(Outcome.Failed);
    assertThat(scenario.getReason()).isEqualTo(reason);
    assertThat(scenario.getMessage()).startsWith(failedStep + ": ").contains(fragments);
    assertThat(step(scenario, failedStep).getOutcome()).isEqualTo(Outcome.Failed);
    assertThat(scenario.getSteps().subList(7, 12)).as("cleanup ran").allSatisfy(s -> assertThat(s.getOutcome()).isIn(Outcome.Passed, Outcome.Failed));
    assertThat(run.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Succeeded");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo(reason.name());
    });
  }
}
