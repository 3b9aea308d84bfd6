package dev.s3csi.validator.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.harness.Audit;
import dev.s3csi.validator.sandbox.DriverProfile;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static dev.s3csi.validator.e2e.SandboxRun.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each injected fault is reported by the scenario that must catch it, with its reason, names and
 * evidence.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultsEndToEndTest {

  record Expectation(
      Fault fault,
      DriverProfile profile,
      ScenarioName scenario,
      Reason reason,
      String step,
      List<String> message,
      String evidence) {
    // evidence: null where the message is all there is (an API refusal leaves no events)
    @Override
    public String toString() {
      return fault.cliName() + " (" + profile.cliName() + ") -> " + scenario + " " + reason;
    }
  }

  static Arguments expect(
      Fault fault,
      ScenarioName scenario,
      Reason reason,
      String step,
      List<String> message,
      String evidence) {
    return Arguments.of(
        new Expectation(fault, DriverProfile.REFERENCE, scenario, reason, step, message, evidence));
  }

  /** The same fault against the Scality 2.2 contract: caught with the same reason there too. */
  static Arguments onScality(Arguments reference) {
    Expectation e = (Expectation) reference.get()[0];
    return Arguments.of(
        new Expectation(
            e.fault(),
            DriverProfile.SCALITY,
            e.scenario(),
            e.reason(),
            e.step(),
            e.message(),
            e.evidence()));
  }

  static Stream<Arguments> faults() {
    return Stream.concat(referenceFaults(), scalityFaults());
  }

  /** The faults that apply to a Scality driver as well, with the reference rows' expectations. */
  static Stream<Arguments> scalityFaults() {
    List<Fault> alsoOnScality =
        List.of(
            Fault.BUCKET_MISSING,
            Fault.WRITE_LOST,
            Fault.MOUNT_FAILS,
            Fault.WRONG_PV_ATTRIBUTES,
            Fault.WFFC_IGNORED,
            Fault.READ_ONLY_IGNORED,
            Fault.DATA_CORRUPT,
            Fault.MOUNT_OPTIONS_DROPPED,
            Fault.PV_NOT_DELETED,
            Fault.BUCKET_LEAKED,
            Fault.ORPHAN_BUCKET);
    return referenceFaults()
        .filter(a -> alsoOnScality.contains(((Expectation) a.get()[0]).fault()))
        .map(FaultsEndToEndTest::onScality);
  }

  static Stream<Arguments> referenceFaults() {
    return Stream.of(
        expect(
            Fault.DRIVER_DOWN,
            ScenarioName.DEDICATED_BUCKET,
            Reason.ProvisioningTimeout,
            "bind",
            List.of("PVC pval-", "to be Bound after 8s", "is the driver's controller running?"),
            "Normal ExternalProvisioning PersistentVolumeClaim/pval-"),
        expect(
            Fault.BAD_CREDENTIALS,
            ScenarioName.DEDICATED_BUCKET,
            Reason.ProvisioningFailed,
            "bind",
            List.of(
                "failed to provision volume with StorageClass \"pval-",
                "bucket creation failed: failed to create bucket csi-s3-",
                "StatusCode: 403"),
            "Warning ProvisioningFailed PersistentVolumeClaim/pval-"),
        expect(
            Fault.BUCKET_MISSING,
            ScenarioName.DEDICATED_BUCKET,
            Reason.BucketMissing,
            "bucketExists",
            List.of("bucket csi-s3-", "named by PV pvc-", "does not exist (HeadBucket 404)"),
            ": MISSING"),
        expect(
            Fault.WRONG_PV_ATTRIBUTES,
            ScenarioName.DEDICATED_BUCKET,
            Reason.PVAttributesInvalid,
            "verifyVolume",
            List.of("PV pvc-", "of PVC pval-", "spec.csi.volumeAttributes.bucketName is 'csi-s3-"),
            "volumeAttributes={"),
        expect(
            Fault.MOUNT_FAILS,
            ScenarioName.DEDICATED_BUCKET,
            Reason.MountFailed,
            "probe",
            List.of("volume never mounted after 10s", "FailedMount Pod/pval-", "Access Denied"),
            "Warning FailedMount Pod/pval-"),
        expect(
            Fault.WRITE_LOST,
            ScenarioName.DEDICATED_BUCKET,
            Reason.ObjectMissing,
            "verifyObjects",
            List.of("waiting for object csi-s3-", "/pval-p0-f0.bin", "to appear in S3 after 4s"),
            "GetObject answered NoSuchKey"),
        expect(
            Fault.DATA_CORRUPT,
            ScenarioName.DEDICATED_BUCKET,
            Reason.DataMismatch,
            "verifyObjects",
            List.of(
                "object csi-s3-",
                "/pval-p0-f0.bin holds 1 bytes",
                "probe pod pval-",
                "wrote 0 bytes"),
            "GetObject csi-s3-"),
        expect(
            Fault.MOUNT_OPTIONS_DROPPED,
            ScenarioName.STORAGE_CLASS_OPTIONS,
            Reason.MountOptionsNotApplied,
            "mountOptions",
            List.of(
                "PV pvc-",
                "of StorageClass pval-",
                "-options-0 lacks mount option debug, allow-delete"),
            "spec.mountOptions=[]"),
        expect(
            Fault.PREFIX_LEAK,
            ScenarioName.SHARED_BUCKET,
            Reason.PrefixIsolationBroken,
            "probe",
            List.of(
                "probe pod pval-",
                "could read pvc-",
                "the mount is not confined to its prefix in bucket pval-"),
            "result:"),
        Arguments.of(
            new Expectation(
                Fault.PREFIX_LEAK,
                DriverProfile.SCALITY,
                ScenarioName.SHARED_BUCKET,
                Reason.PrefixIsolationBroken,
                "probe",
                List.of(
                    "probe pod pval-",
                    "prefix pval-",
                    "-shared-static-0/) could read pval-",
                    "not confined to its prefix"),
                "result:")),
        expect(
            Fault.WFFC_IGNORED,
            ScenarioName.WAIT_FOR_FIRST_CONSUMER,
            Reason.BoundWithoutConsumer,
            "pendingWithoutConsumer",
            List.of(
                "PVC pval-",
                "-consumer-0 was bound to PV pvc-",
                "while no pod used it",
                "volumeBindingMode is WaitForFirstConsumer"),
            null),
        expect(
            Fault.READ_ONLY_IGNORED,
            ScenarioName.READ_ONLY_MOUNT,
            Reason.ReadOnlyNotEnforced,
            "probe",
            List.of(
                "probe pod pval-",
                "-readonly-probe-0 wrote pval-p0-f0.bin (0 bytes) through its read-only mount of PV"
                    + " pvc-",
                "the volume is writable although the pod mounts it read-only"),
            "result: {\"files\":[{\"op\":\"write\",\"path\":\"pval-p0-f0.bin\""),
        expect(
            Fault.PV_NOT_DELETED,
            ScenarioName.DELETE_RECLAIM,
            Reason.DeletionTimeout,
            "pvDeleted",
            List.of(
                "PV pvc-",
                "still existed 8s after its PVC was deleted",
                "which is Terminating: its finalizers wait for the driver's external-provisioner"),
            "finalizers [external-provisioner.volume.kubernetes.io/finalizer]"),
        expect(
            Fault.BUCKET_LEAKED,
            ScenarioName.DELETE_RECLAIM,
            Reason.BucketLeaked,
            "bucketDeleted",
            List.of(
                "bucket csi-s3-",
                "of PV pvc-",
                "(PVC pval-",
                "was empty, and still exists 8s after its PV was deleted"),
            "after its PV was deleted: EXISTS; objects in it: 0"),
        expect(
            Fault.QUOTA_EXHAUSTED,
            ScenarioName.DEDICATED_BUCKET,
            Reason.RequestRefused,
            "bind",
            List.of(
                "the API server refused to create PersistentVolumeClaim pval-demo/pval-",
                ": 403 persistentvolumeclaims \"pval-",
                "\" is forbidden: exceeded quota: pval-no-claims-left, requested:"
                    + " persistentvolumeclaims=1, used: persistentvolumeclaims=0, limited:"
                    + " persistentvolumeclaims=0"),
            null),
        expect(
            Fault.ORPHAN_BUCKET,
            ScenarioName.CONCURRENT_VOLUMES,
            Reason.OrphanBuckets,
            "orphanBuckets",
            List.of(
                "5 driver-named bucket(s) appeared during the run and match no PV: csi-s3-",
                "not deleted"),
            "ListBuckets: 5 csi-s3-* bucket(s)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void faultIsReportedWithItsReasonTheObjectsAndTheEvidence(Expectation expected) {
    SandboxRun result =
        SandboxRun.of(
            SandboxOptions.defaults()
                .withProfile(expected.profile())
                .withFaults(Set.of(expected.fault())),
            List.of(expected.scenario()));

    assertThat(result.run().getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(result.run().getStatus().getFirstFailure())
        .isEqualTo(expected.scenario() + ": " + expected.reason());
    ScenarioStatus scenario = result.scenario(expected.scenario());
    assertThat(scenario.getOutcome()).isEqualTo(Outcome.Failed);
    assertThat(scenario.getReason()).isEqualTo(expected.reason());
    assertThat(scenario.getMessage())
        .startsWith(expected.step() + ": ")
        .contains(expected.message());
    assertThat(step(scenario, expected.step()).getOutcome()).isEqualTo(Outcome.Failed);
    if (expected.evidence() != null) {
      assertThat(scenario.getEvidence())
          .anySatisfy(e -> assertThat(e).contains(expected.evidence()));
    }
    assertThat(String.join("", scenario.getEvidence()).getBytes(StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(4096);
    assertThat(scenario.getSteps())
        .filteredOn(
            s ->
                List.of(
                        "deleteProbe",
                        "deleteClaim",
                        "volumeReleased",
                        "bucketCleanup",
                        "deleteStorageClass")
                    .contains(s.getName()))
        .as("cleanup ran")
        .allSatisfy(s -> assertThat(s.getOutcome()).isIn(Outcome.Passed, Outcome.Failed));
    Audit audit = result.audit();
    if (expected.fault() == Fault.PV_NOT_DELETED) {
      // A stuck driver never lets go of its finalizer: the PVs stay Terminating, as they would on
      // a real cluster, and the validator says so instead of claiming it deleted them.
      assertThat(audit.pvs()).isEqualTo(2);
      audit = new Audit(audit.pvcs(), 0, audit.pods(), audit.storageClasses(), audit.buckets(), 0);
    }
    assertThat(audit.isClean()).as("left behind: %s", result.audit()).isTrue();
    // Orphans (only the orphan-bucket fault makes any) are all reported, and left in place.
    assertThat(result.run().getStatus().getLeakedBuckets())
        .containsExactlyInAnyOrderElementsOf(result.injectedOrphans());
    assertThat(result.injectedOrphans())
        .allSatisfy(orphan -> assertThat(scenario.getMessage()).contains(orphan));
    assertThat(result.audit().orphanBuckets()).isEqualTo(result.injectedOrphans().size());
    assertThat(result.run().getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Succeeded");
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo(expected.reason().name());
            });
  }

  /**
   * A real node reports a stuck mount late (about 2 minutes for Scality 2.2): a FailedMount that
   * comes before timeouts.podReady is still MountFailed; one that comes after it cannot be, and the
   * verdict says only what was seen, a pod that never ran.
   */
  @Test
  void aLateFailedMountIsMountFailedWithinPodReadyAndAPendingPodAfterIt() {
    SandboxRun late =
        SandboxRun.of(
            SandboxOptions.defaults()
                .withFaults(Set.of(Fault.MOUNT_FAILS))
                .withFailedMountDelay(Duration.ofSeconds(4)),
            List.of(ScenarioName.DEDICATED_BUCKET));
    SandboxRun tooLate =
        SandboxRun.of(
            SandboxOptions.defaults()
                .withFaults(Set.of(Fault.MOUNT_FAILS))
                .withFailedMountDelay(Duration.ofMinutes(2)),
            List.of(ScenarioName.DEDICATED_BUCKET));

    ScenarioStatus seen = late.scenario(ScenarioName.DEDICATED_BUCKET);
    assertThat(seen.getReason()).isEqualTo(Reason.MountFailed);
    // kubelet may end the pod (activeDeadlineSeconds = podReady) just before the step's deadline.
    assertThat(seen.getMessage()).contains("volume never mounted", "Access Denied");
    ScenarioStatus unseen = tooLate.scenario(ScenarioName.DEDICATED_BUCKET);
    assertThat(unseen.getReason()).isEqualTo(Reason.ProbeFailed);
    assertThat(unseen.getMessage()).contains("probe pod pval-").doesNotContain("mount");
    assertThat(late.audit().isClean()).as("%s", late.audit()).isTrue();
    assertThat(tooLate.audit().isClean()).as("%s", tooLate.audit()).isTrue();
  }

  /**
   * A timed-out CreateVolume is reported as ProvisioningFailed like a refusal, but
   * external-provisioner retries it: under either profile, invalidParameters comes to the same
   * verdict, case by case, with the fault as without it, and the evidence shows the discounted
   * timeout.
   */
  @ParameterizedTest
  @EnumSource(DriverProfile.class)
  void aTimeoutBeforeTheDriversAnswerChangesNoVerdictOfInvalidParameters(DriverProfile profile) {
    SandboxRun plain =
        SandboxRun.of(
            SandboxOptions.defaults().withProfile(profile),
            List.of(ScenarioName.INVALID_PARAMETERS));
    SandboxRun timedOut =
        SandboxRun.of(
            SandboxOptions.defaults()
                .withProfile(profile)
                .withFaults(Set.of(Fault.PROVISION_TIMEOUT_ONCE)),
            List.of(ScenarioName.INVALID_PARAMETERS));

    ScenarioStatus without = plain.scenario(ScenarioName.INVALID_PARAMETERS);
    ScenarioStatus with = timedOut.scenario(ScenarioName.INVALID_PARAMETERS);
    assertThat(with.getOutcome()).isEqualTo(without.getOutcome());
    assertThat(with.getReason()).isEqualTo(without.getReason());
    assertThat(step(with, "refused").getMessage()).isEqualTo(step(without, "refused").getMessage());
    assertThat(timedOut.run().getStatus().getPhase()).isEqualTo(plain.run().getStatus().getPhase());
    assertThat(with.getEvidence())
        .as("the driver's real answer counted, the timeout before it did not")
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("case readWriteOnce refused for its expected cause 'access mode'")
                    .contains("code = InvalidArgument")
                    .endsWith("; not counted: 1 retryable failure (DeadlineExceeded)"));
    assertThat(without.getEvidence()).noneSatisfy(e -> assertThat(e).contains("DeadlineExceeded"));
    assertThat(timedOut.audit().isClean()).as("%s", timedOut.audit()).isTrue();
  }

  @Test
  void slowDriverStillPassesAndTheStepDurationsShowTheLatency() {
    SandboxRun result =
        SandboxRun.of(
            SandboxOptions.defaults().withFaults(Set.of(Fault.SLOW)),
            List.of(ScenarioName.DEDICATED_BUCKET));

    assertThat(result.run().getStatus().getPhase())
        .as("%s", result.run().getStatus().getSummary())
        .isEqualTo(Phase.Succeeded);
    ScenarioStatus scenario = result.scenario(ScenarioName.DEDICATED_BUCKET);
    // Provisioning and mounting start inside the step that creates the PVC or the pod.
    for (String stage : List.of("bind", "probe")) {
      assertThat(step(scenario, stage).getDurationMillis())
          .as(stage)
          .isGreaterThanOrEqualTo(Fault.SLOW_STAGE_MILLIS);
    }
    // The PV's deletion starts when the PVC is gone, which deleteClaim observes while the driver is
    // already at work: the latency shows from deleteClaim's start to volumeReleased's end.
    StepStatus deleteClaim = step(scenario, "deleteClaim");
    StepStatus volumeReleased = step(scenario, "volumeReleased");
    assertThat(
            Duration.between(
                        Instant.parse(deleteClaim.getStartTime()),
                        Instant.parse(volumeReleased.getStartTime()))
                    .toMillis()
                + volumeReleased.getDurationMillis())
        .as("deleteClaim to volumeReleased")
        .isGreaterThanOrEqualTo(Fault.SLOW_STAGE_MILLIS);
    assertThat(result.audit().isClean()).isTrue();
  }
}
