package dev.s3csi.validator.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.KeepResources;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.api.SharedBucketSpec;
import dev.s3csi.validator.harness.Audit;
import dev.s3csi.validator.harness.EveryVersion;
import dev.s3csi.validator.harness.OperatorProcess;
import dev.s3csi.validator.harness.RunWatcher;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.SandboxOptions;
import dev.s3csi.validator.status.RunStatusAggregator;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens to a run's objects over its life, on the sandbox with the real operator: the spec
 * checks that come before anything is created, keepResources, deletion, TTL, the cap on runs in
 * progress and the startup sweep.
 */
class LifecycleEndToEndTest {
  static final OperatorSettings DEFAULT =
      new OperatorSettings(Set.of(), OperatorSettings.DEFAULT_PROBE_IMAGE);
  static final Duration MARGIN = Duration.ofSeconds(30);

  static ProvisioningValidation dedicated(Sandbox sandbox, String name) {
    return sandbox.validation(name, List.of(ScenarioName.DEDICATED_BUCKET));
  }

  static ProvisioningValidation runToEnd(Sandbox sandbox, ProvisioningValidation run) {
    sandbox.client().resource(run).create();
    ProvisioningValidation finished = new RunWatcher(sandbox.client()).awaitFinished(run, MARGIN);
    assertThat(RunWatcher.isFinished(finished)).as("finished: %s", finished.getStatus()).isTrue();
    return finished;
  }

  static List<String> operatorCreations(Sandbox sandbox) {
    return sandbox.chaos().operatorWriteLog().stream()
        .filter(w -> w.method().equals("POST"))
        .map(w -> w.path())
        .toList();
  }

  @Test
  void aMissingSecretFailsTheRunAsInvalidSpecBeforeAnythingIsCreated() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      sandbox.startOperator();
      ProvisioningValidation run = dedicated(sandbox, "no-secret");
      run.getSpec().getS3().setCredentialsSecretRef(new SecretReference("nope", null));

      ProvisioningValidation finished = runToEnd(sandbox, run);

      assertThat(finished.getStatus().getPhase()).isEqualTo(Phase.Failed);
      assertThat(finished.getStatus().getFirstFailure()).isEqualTo("InvalidSpec");
      assertThat(finished.getStatus().getConditions())
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Succeeded");
                assertThat(c.getReason()).isEqualTo("InvalidSpec");
                assertThat(c.getMessage())
                    .isEqualTo(
                        "spec.s3.credentialsSecretRef: Secret pval-demo/nope does not exist");
              });
      assertThat(sandbox.client().v1().events().inNamespace(Sandbox.NAMESPACE).list().getItems())
          .anySatisfy(
              e -> {
                assertThat(e.getInvolvedObject().getName()).isEqualTo("no-secret");
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getReason()).isEqualTo("InvalidSpec");
                assertThat(e.getMessage()).contains("spec.s3.credentialsSecretRef");
              });
      assertThat(operatorCreations(sandbox))
          .as("the operator created nothing but its event")
          .allMatch(path -> path.endsWith("/events"));
      assertThat(finished.getStatus().getScenarios()).isEmpty();
      assertThat(sandbox.audit().isClean()).isTrue();
    }
  }

  @Test
  void aSecretWithoutBothKeysFailsTheRunAsInvalidSpec() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      sandbox.startOperator();
      sandbox
          .client()
          .secrets()
          .inNamespace(Sandbox.NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("half")
                  .endMetadata()
                  .withStringData(Map.of(S3Credentials.ACCESS_KEY_ID, "only-the-id"))
                  .build())
          .create();
      ProvisioningValidation run = dedicated(sandbox, "half-secret");
      run.getSpec().getS3().setCredentialsSecretRef(new SecretReference("half", null));

      ProvisioningValidation finished = runToEnd(sandbox, run);

      assertThat(finished.getStatus().getConditions())
          .anySatisfy(
              c ->
                  assertThat(c.getMessage())
                      .isEqualTo(
                          "spec.s3.credentialsSecretRef: Secret pval-demo/half must hold non-empty keys access_key_id and secret_access_key"));
      assertThat(operatorCreations(sandbox)).allMatch(path -> path.endsWith("/events"));
    }
  }

  @Test
  void keepResourcesAlwaysKeepsEverythingUntilTheRunIsDeletedThenTheFinalizerCleansUp() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      sandbox.startOperator();
      ProvisioningValidation run = dedicated(sandbox, "keep");
      run.getSpec().setKeepResources(KeepResources.Always);

      ProvisioningValidation finished = runToEnd(sandbox, run);

      assertThat(finished.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
      assertThat(finished.getMetadata().getFinalizers())
          .containsExactly("provisioningvalidations.validation.s3csi.dev/finalizer");
      assertThat(sandbox.audit()).isEqualTo(new Audit(1, 1, 1, 1, 1, 0));

      sandbox.client().resource(finished).delete();

      assertThat(new RunWatcher(sandbox.client()).awaitGone(finished, MARGIN))
          .as("finalizer removed")
          .isTrue();
      assertThat(sandbox.audit().isClean()).as("left behind: %s", sandbox.audit()).isTrue();
    }
  }

  @Test
  void keepResourcesOnFailureKeepsTheObjectsOfAFailedRun() {
    try (Sandbox sandbox =
        Sandbox.start(SandboxOptions.defaults().withFaults(Set.of(Fault.WRITE_LOST)))) {
      sandbox.startOperator();
      ProvisioningValidation run = dedicated(sandbox, "keep-failed");
      run.getSpec().setKeepResources(KeepResources.OnFailure);

      ProvisioningValidation finished = runToEnd(sandbox, run);

      assertThat(finished.getStatus().getScenarios().get(0).getReason())
          .isEqualTo(Reason.ObjectMissing);
      assertThat(finished.getStatus().getScenarios().get(0).getSteps().subList(7, 12))
          .allSatisfy(
              s ->
                  assertThat(s.getMessage())
                      .isEqualTo(
                          "skipped: keepResources=OnFailure keeps the objects for inspection"));
      assertThat(sandbox.audit()).isEqualTo(new Audit(1, 1, 1, 1, 1, 0));
      sandbox.client().resource(finished).delete();
      assertThat(new RunWatcher(sandbox.client()).awaitGone(finished, MARGIN)).isTrue();
      assertThat(sandbox.audit().isClean()).isTrue();
    }
  }

  /**
   * The finalizer deletes the buckets the run caused, never the user's shared bucket its volumes
   * lived in.
   */
  @Test
  void deletingARunKeepsTheUsersSharedBucketAndRemovesOnlyWhatTheRunWroteThere() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      sandbox.startOperator();
      sandbox.s3().createBucket(b -> b.bucket("team-shared"));
      ProvisioningValidation run =
          sandbox.validation("shared-kept", List.of(ScenarioName.SHARED_BUCKET));
      SharedBucketSpec shared = new SharedBucketSpec();
      shared.setBucketName("team-shared");
      shared.setCreate(false);
      run.getSpec().setSharedBucket(shared);
      run.getSpec().setKeepResources(KeepResources.Always);

      ProvisioningValidation finished = runToEnd(sandbox, run);
      assertThat(finished.getStatus().getPhase())
          .as("%s", finished.getStatus().getFirstFailure())
          .isEqualTo(Phase.Succeeded);
      assertThat(sandbox.s3().listObjectsV2(b -> b.bucket("team-shared")).contents())
          .as("the run's files, kept")
          .isNotEmpty();
      sandbox.client().resource(finished).delete();

      assertThat(new RunWatcher(sandbox.client()).awaitGone(finished, MARGIN)).isTrue();
      assertThat(sandbox.s3().headBucket(b -> b.bucket("team-shared")))
          .as("the user's bucket stays")
          .isNotNull();
      assertThat(sandbox.s3().listObjectsV2(b -> b.bucket("team-shared")).contents())
          .as("what the run wrote there goes")
          .isEmpty();
      Audit audit = sandbox.audit();
      assertThat(audit.pvcs() + audit.pvs() + audit.pods() + audit.storageClasses()).isZero();
      assertThat(audit.buckets()).as("only the user's bucket").isEqualTo(1);
    }
  }

  @Test
  void aFinishedRunIsDeletedOnceItsTtlHasPassed() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      sandbox.startOperator();
      ProvisioningValidation run = dedicated(sandbox, "short-lived");
      run.getSpec().setTtlSecondsAfterFinished(0L);
      sandbox.client().resource(run).create();

      assertThat(new RunWatcher(sandbox.client()).awaitGone(run, Duration.ofMinutes(2))).isTrue();
      assertThat(sandbox.audit().isClean()).isTrue();
    }
  }

  @Test
  void runsOverTheCapWaitQueuedAndNeverRunTogether() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      OperatorProcess.start(sandbox, DEFAULT.withMaxConcurrentRuns(1));
      Set<String> running = ConcurrentHashMap.newKeySet();
      AtomicInteger mostRunningAtOnce = new AtomicInteger();
      Set<String> queuedMessages = ConcurrentHashMap.newKeySet();
      var informer =
          sandbox
              .client()
              .resources(ProvisioningValidation.class)
              .inNamespace(Sandbox.NAMESPACE)
              .inform(
                  EveryVersion.to(
                      run -> {
                        if (run.getStatus() == null) {
                          return;
                        }
                        if (run.getStatus().getPhase() == Phase.Running) {
                          running.add(run.getMetadata().getName());
                        } else {
                          running.remove(run.getMetadata().getName());
                        }
                        mostRunningAtOnce.accumulateAndGet(running.size(), Math::max);
                        run.getStatus().getConditions().stream()
                            .filter(
                                c ->
                                    RunStatusAggregator.QUEUED.equals(c.getReason())
                                        && "Running".equals(c.getType()))
                            .forEach(
                                c ->
                                    queuedMessages.add(
                                        run.getMetadata().getName() + ": " + c.getMessage()));
                      }));
      try {
        ProvisioningValidation first = dedicated(sandbox, "first");
        ProvisioningValidation second = dedicated(sandbox, "second");
        sandbox.client().resource(first).create();
        sandbox.client().resource(second).create();

        ProvisioningValidation firstDone =
            new RunWatcher(sandbox.client()).awaitFinished(first, MARGIN);
        ProvisioningValidation secondDone =
            new RunWatcher(sandbox.client()).awaitFinished(second, MARGIN);

        assertThat(firstDone.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
        assertThat(secondDone.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
        assertThat(mostRunningAtOnce.get()).isEqualTo(1);
        // The second waits behind the first: either the first holds the slot already, or it is
        // older and still to start (same second: then by name), so the second is second in line.
        assertThat(queuedMessages)
            .isNotEmpty()
            .allSatisfy(
                m ->
                    assertThat(m)
                        .matches(
                            "second: waiting for a slot: (1 runs in progress, at most 1 at once \\(MAX_CONCURRENT_RUNS\\); position 1"
                                + "|0 runs in progress, at most 1 at once \\(MAX_CONCURRENT_RUNS\\); position 2) in the queue"));
        assertThat(Conditions.startOf(secondDone))
            .isAfterOrEqualTo(Conditions.completionOf(firstDone));
        assertThat(sandbox.audit().isClean()).isTrue();
      } finally {
        informer.close();
      }
    }
  }

  /** Times of a run, as its status gives them. */
  static final class Conditions {
    static java.time.Instant startOf(ProvisioningValidation run) {
      return java.time.Instant.parse(run.getStatus().getStartTime());
    }

    static java.time.Instant completionOf(ProvisioningValidation run) {
      return java.time.Instant.parse(run.getStatus().getCompletionTime());
    }
  }

  @Test
  void theStartupSweepRemovesWhatVanishedRunsLeftAndKeepsWhatLiveRunsKeep() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        var operator = OperatorProcess.start(sandbox, DEFAULT)) {
      ProvisioningValidation kept = dedicated(sandbox, "kept");
      kept.getSpec().setKeepResources(KeepResources.Always);
      runToEnd(sandbox, kept);
      assertThat(sandbox.audit()).isEqualTo(new Audit(1, 1, 1, 1, 1, 0));
      operator.stop();
      leaveOrphansOfAVanishedRun(sandbox);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> sandbox.audit().equals(new Audit(2, 3, 2, 2, 2, 0)));

      operator.restart();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(sandbox.audit()).isEqualTo(new Audit(1, 1, 1, 1, 1, 0)));
      assertThat(
              sandbox
                  .client()
                  .persistentVolumeClaims()
                  .inNamespace(Sandbox.NAMESPACE)
                  .list()
                  .getItems())
          .singleElement()
          .satisfies(
              pvc ->
                  assertThat(pvc.getMetadata().getLabels()).containsEntry(RunLabels.RUN, "kept"));
    }
  }

  /**
   * What an operator that lost its run (finalizer removed by hand) would leave: a bound PVC, its
   * pod and StorageClass, and a static PV (no StorageClass: found by its labels alone).
   */
  static void leaveOrphansOfAVanishedRun(Sandbox sandbox) {
    Map<String, String> labels =
        Map.of(
            RunLabels.MANAGED_BY,
            RunLabels.MANAGER,
            RunLabels.RUN,
            "vanished",
            RunLabels.RUN_NAMESPACE,
            Sandbox.NAMESPACE,
            RunLabels.RUN_UID,
            "dead0000-0000-0000-0000-0000deadbeef",
            RunLabels.SCENARIO,
            "dedicatedBucket");
    String storageClass = "pval-deadbeef-dedicated";
    var client = sandbox.client();
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(storageClass)
                .withLabels(labels)
                .endMetadata()
                .withProvisioner("s3.csi.scality.com")
                .withReclaimPolicy("Delete")
                .build())
        .create();
    client
        .persistentVolumeClaims()
        .inNamespace(Sandbox.NAMESPACE)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(storageClass + "-0")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteMany")
                .withStorageClassName(storageClass)
                .withNewResources()
                .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))
                .endResources()
                .endSpec()
                .build())
        .create();
    client
        .persistentVolumes()
        .resource(
            new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName("pval-deadbeef-shared-static-0")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteMany")
                .addToCapacity("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))
                .withStorageClassName("")
                .withPersistentVolumeReclaimPolicy("Retain")
                .withNewCsi()
                .withDriver("s3.csi.scality.com")
                .withVolumeHandle("pval-deadbeef-shared-static-0")
                .endCsi()
                .endSpec()
                .build())
        .create();
    client
        .pods()
        .inNamespace(Sandbox.NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(storageClass + "-probe-0")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("probe")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }
}
