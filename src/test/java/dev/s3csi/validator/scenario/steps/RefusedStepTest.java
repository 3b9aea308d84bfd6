package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.api.WhenIgnored;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.FakeClusterView;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidCase;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidParameterSettings;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which ProvisioningFailed events make a refusal: only a final one from the provisioner, for the
 * case's StorageClass and expected cause, with the PVC unbound a settling period later.
 */
class RefusedStepTest {
  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  static final String PROVISIONER = "s3.csi.scality.com_csi-controller-7d9_0b6c";
  static final InvalidCase RWO =
      new InvalidCase("readWriteOnce", Map.of(), "ReadWriteOnce", "access mode");
  static final InvalidCase NAMING =
      new InvalidCase("invalidBucketNaming", Map.of("bucketNaming", "bad"), "ReadWriteMany", null);
  static final String RWO_REFUSAL =
      "rpc error: code = InvalidArgument desc = S3 volumes only support ReadWriteMany access mode,"
          + " got SINGLE_NODE_WRITER. Use mount options for read-only behavior";

  final FakeClusterView cluster = new FakeClusterView();
  final ScenarioContext ctx = context(cluster);

  static ScenarioContext context(FakeClusterView cluster) {
    return context(cluster, NOW);
  }

  static ScenarioContext context(FakeClusterView cluster, Instant now) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName("run");
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid("00000000-0000-0000-0000-0000000000aa");
    ValidationSpec spec = new ValidationSpec();
    Timeouts timeouts = new Timeouts();
    timeouts.setRefusalSettle("10s");
    spec.setTimeouts(timeouts);
    return new ScenarioContext(
        run,
        new SpecDefaults("img").apply(spec, "ns"),
        new ScenarioStatus(ScenarioName.INVALID_PARAMETERS, List.of()),
        cluster,
        null,
        null,
        now);
  }

  String claimName(int index) {
    return ctx.names().claim(index);
  }

  String storageClass(int index) {
    return ctx.names().storageClass(index);
  }

  /** PVC {@code index}, bound to {@code volume} when it is not null, else Pending. */
  PersistentVolumeClaim claim(int index, String volume) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(claimName(index))
        .withNamespace("ns")
        .endMetadata()
        .withNewSpec()
        .withVolumeName(volume)
        .endSpec()
        .withNewStatus()
        .withPhase(volume == null ? "Pending" : "Bound")
        .endStatus()
        .build();
  }

  void pending(int index) {
    cluster.add(claim(index, null));
  }

  void bound(int index, Map<String, String> attributes) {
    cluster.add(claim(index, "pvc-" + index));
    cluster.add(
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName("pvc-" + index)
            .endMetadata()
            .withNewSpec()
            .withNewCsi()
            .withDriver("s3.csi.scality.com")
            .withVolumeHandle("csi-s3-" + index)
            .withVolumeAttributes(attributes)
            .endCsi()
            .endSpec()
            .build());
  }

  void failed(int index, String component, String message, Duration ago) {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(claimName(index) + "." + cluster.hashCode() + message.hashCode())
            .withNamespace("ns")
            .endMetadata()
            .withNewInvolvedObject()
            .withKind("PersistentVolumeClaim")
            .withName(claimName(index))
            .withNamespace("ns")
            .endInvolvedObject()
            .withType("Warning")
            .withReason("ProvisioningFailed")
            .withMessage(message)
            .withNewSource(component, null)
            .withFirstTimestamp(NOW.minus(ago).toString())
            .withLastTimestamp(NOW.minus(ago).toString())
            .build();
    cluster.add(event);
  }

  void provisionerSaid(int index, String error, Duration ago) {
    failed(
        index,
        PROVISIONER,
        "failed to provision volume with StorageClass \"" + storageClass(index) + "\": " + error,
        ago);
  }

  static RefusedStep step(WhenIgnored whenIgnored, InvalidCase... cases) {
    return new RefusedStep(new InvalidParameterSettings(List.of(cases), whenIgnored));
  }

  @Test
  void aTimeoutTheProvisionerRetriesIsNoRefusal() {
    pending(0);
    provisionerSaid(
        0, "rpc error: code = DeadlineExceeded desc = context deadline exceeded", Duration.ZERO);
    provisionerSaid(
        0, "rpc error: code = Unavailable desc = connection refused", Duration.ofMinutes(1));

    RefusedStep step = step(WhenIgnored.Note, RWO);

    assertThat(step.run(ctx)).isInstanceOf(StepResult.Waiting.class);
    StepResult.Failed failed =
        step.timedOut(ctx, StepResult.awaiting("x"), Duration.ofSeconds(130));
    assertThat(failed.reason()).isEqualTo(Reason.ProvisioningTimeout);
    assertThat(failed.message())
        .isEqualTo(
            "after 130s: only failures external-provisioner retries for case readWriteOnce:"
                + " the driver never gave a final answer");
    assertThat(ctx.status().getEvidence())
        .singleElement()
        .asString()
        .startsWith("case readWriteOnce: only failures external-provisioner retries (")
        .contains("DeadlineExceeded", "Unavailable");
  }

  @Test
  void theVolumeControllersMissingStorageClassIsNoWordOfTheDriver() {
    pending(0);
    failed(
        0,
        "persistentvolume-controller",
        "storageclass.storage.k8s.io \"" + storageClass(0) + "\" not found",
        Duration.ofMinutes(1));
    failed(
        0,
        "ebs.csi.aws.com_node-1_1234",
        "failed to provision volume with StorageClass \"" + storageClass(0) + "\": " + RWO_REFUSAL,
        Duration.ofMinutes(1));
    failed(
        0,
        PROVISIONER,
        "failed to provision volume with StorageClass \"another-class\": " + RWO_REFUSAL,
        Duration.ofMinutes(1));
    RefusedStep step = step(WhenIgnored.Note, RWO);

    assertThat(step.timedOut(ctx, StepResult.awaiting("x"), Duration.ofSeconds(130)).message())
        .isEqualTo(
            "after 130s: no ProvisioningFailed event and no binding for case readWriteOnce:"
                + " is the driver's controller running?");

    provisionerSaid(0, RWO_REFUSAL, Duration.ofMinutes(1));
    assertThat(step.run(context(cluster))).isInstanceOf(StepResult.Passed.class);
  }

  @Test
  void aFinalRefusalCountsOnlyOnceThePvcStayedUnboundForTheSettlingPeriod() {
    pending(0);
    provisionerSaid(
        0, "rpc error: code = DeadlineExceeded desc = context deadline exceeded", Duration.ZERO);
    failed(
        0,
        PROVISIONER,
        "(combined from similar events): failed to provision volume with StorageClass \""
            + storageClass(0)
            + "\": "
            + RWO_REFUSAL,
        Duration.ofSeconds(5));
    RefusedStep step = step(WhenIgnored.Note, RWO);

    StepResult early = step.run(ctx);

    assertThat(early).isInstanceOf(StepResult.Waiting.class);
    StepResult.Waiting waiting = (StepResult.Waiting) early;
    assertThat(waiting.awaiting()).isEqualTo("waiting for the refusal of readWriteOnce to settle");
    // The event's whole second counts as its end: 10 s from 11:59:56, not from 11:59:55.
    assertThat(waiting.recheckAfter()).isEqualTo(Duration.ofSeconds(6).plusMillis(1));
    assertThat(step.run(context(cluster, NOW.plusSeconds(5))))
        .isInstanceOf(StepResult.Waiting.class);

    ScenarioContext later = context(cluster, NOW.plusSeconds(6));
    StepResult settled = step.run(later);

    assertThat(settled)
        .isEqualTo(
            StepResult.passed(
                "1 invalid configurations refused, each for its expected cause: readWriteOnce"
                    + " (PVCs unbound 10s after a final ProvisioningFailed)"));
    assertThat(later.status().getEvidence())
        .singleElement()
        .asString()
        .startsWith(
            "case readWriteOnce refused for its expected cause 'access mode', PVC still unbound"
                + " 10s later: Warning ProvisioningFailed PersistentVolumeClaim/"
                + claimName(0)
                + ": (combined from similar events): failed to provision volume with StorageClass")
        .endsWith("; not counted: 1 retryable failure (DeadlineExceeded)");
  }

  @Test
  void aRefusalForAnotherCauseIsAProvisioningFailure() {
    pending(0);
    provisionerSaid(
        0,
        "rpc error: code = Internal desc = bucket creation failed: dial tcp 10.0.0.1:8000: connect:"
            + " connection refused",
        Duration.ofMinutes(1));
    RefusedStep step = step(WhenIgnored.Note, RWO);

    assertThat(step.run(ctx)).isInstanceOf(StepResult.Waiting.class);
    StepResult.Failed failed = step.timedOut(ctx, StepResult.awaiting("x"), Duration.ofSeconds(1));

    assertThat(failed.reason()).isEqualTo(Reason.ProvisioningFailed);
    assertThat(failed.message())
        .startsWith(
            "case readWriteOnce was refused, but not for its expected cause 'access mode': Warning"
                + " ProvisioningFailed")
        .contains("connection refused");
  }

  @Test
  void aParameterThatLeftNoTraceIsANoteUnlessIgnoringMustFail() {
    bound(0, Map.of("bucketName", "csi-s3-0", "authenticationSource", "driver"));
    pending(1);
    provisionerSaid(1, RWO_REFUSAL, Duration.ofMinutes(1));

    StepResult noted = step(WhenIgnored.Note, NAMING, RWO).run(ctx);

    assertThat(noted)
        .isEqualTo(
            StepResult.passed(
                "1 of 2 invalid configurations refused (readWriteOnce; PVCs unbound 10s after it);"
                    + " the driver ignored invalidBucketNaming (noted as InvalidParameterIgnored)"));
    assertThat(ctx.status().getNotes())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.getReason()).isEqualTo(Reason.InvalidParameterIgnored);
              assertThat(n.getMessage())
                  .isEqualTo(
                      "case invalidBucketNaming (bucketNaming=bad, StorageClass "
                          + storageClass(0)
                          + "): PVC "
                          + claimName(0)
                          + " was Bound to PV pvc-0 with bucket csi-s3-0, and the PV shows no"
                          + " trace of bucketNaming: the driver ignored what it should have"
                          + " refused");
            });

    StepResult failed = step(WhenIgnored.Fail, NAMING, RWO).run(context(cluster));

    assertThat(failed).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) failed).reason()).isEqualTo(Reason.InvalidParameterAccepted);
    assertThat(((StepResult.Failed) failed).message())
        .startsWith("the driver accepted what it must refuse: case invalidBucketNaming");
  }

  @Test
  void aParameterTheVolumeShowsOrABoundAccessModeIsAcceptedWhateverWhenIgnoredSays() {
    bound(0, Map.of("bucketName", "csi-s3-0", "naming", "bad"));
    bound(1, Map.of("bucketName", "csi-s3-1"));

    StepResult result = step(WhenIgnored.Note, NAMING, RWO).run(ctx);

    assertThat(result).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) result).reason()).isEqualTo(Reason.InvalidParameterAccepted);
    assertThat(((StepResult.Failed) result).message())
        .contains("case invalidBucketNaming (bucketNaming=bad, StorageClass")
        .contains("case readWriteOnce (accessModes=[ReadWriteOnce], StorageClass")
        .doesNotContain("ignored");
    assertThat(ctx.status().getNotes()).isEmpty();
    assertThat(ctx.resources().getBuckets()).containsExactly("csi-s3-0", "csi-s3-1");
  }
}
