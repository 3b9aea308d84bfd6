package dev.s3csi.validator.realworld;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.chart.ApiCalls;
import dev.s3csi.validator.chart.RenderedChart;
import dev.s3csi.validator.cli.OperatorCommand;
import dev.s3csi.validator.harness.WorldRun;
import dev.s3csi.validator.sandbox.ExhaustedQuota;
import dev.s3csi.validator.sandbox.Fault;

import io.fabric8.kubernetes.client.KubernetesClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The validator against the real world: a real kube-apiserver (RBAC, admission, finalizers), the
 * real kube-controller-manager, external-provisioner v5.3.0 and the Scality driver 2.2.0
 * controller, with the operator running as the chart's ServiceAccount. What passes here passes on a
 * real cluster as far as the control plane and the driver's controller are concerned; the node is
 * simulated.
 */
@Isolated("the real world's driver is shared, and faults stop it")
@ExtendWith(SharedRealWorld.class)
class RealWorldEndToEndTest {
  /** The demo's files, smaller: the same checks at a fraction of the CPU on a shared machine. */
  private static final List<Long> FILE_SIZES = List.of(0L, 4096L, 1024L * 1024);

  private static final Duration MARGIN = Duration.ofSeconds(60);

  private static ProvisioningValidation run(
      RealWorld world, String name, List<ScenarioName> scenarios) {
    ProvisioningValidation run = world.validation(name, scenarios);
    ProbeSpec probe = new ProbeSpec();
    probe.setFileSizes(FILE_SIZES);
    run.getSpec().setProbe(probe);
    return run;
  }

  private static ScenarioStatus scenario(WorldRun result, ScenarioName name) {
    return result.run().getStatus().getScenarios().stream()
        .filter(s -> s.getName() == name)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Every scenario the driver supports passes, except that the real driver may leak a bucket: when
   * external-provisioner calls CreateVolume twice for one PVC (as it does under load), Scality's
   * non-idempotent CreateVolume makes a second bucket. The validator must then report exactly the
   * buckets the sidecar's log shows were leaked, as OrphanBuckets, and nothing else.
   */
  @Test
  void theDriversOwnScenariosPassAndEveryLeakIsReported(RealWorld world) {
    Set<String> leaksBefore = world.knownOrphans();
    WorldRun result =
        WorldRun.of(
            world,
            run(
                world,
                "real-all",
                List.of(
                    ScenarioName.DEDICATED_BUCKET,
                    ScenarioName.SHARED_BUCKET,
                    ScenarioName.DELETE_RECLAIM,
                    ScenarioName.STORAGE_CLASS_OPTIONS,
                    ScenarioName.CONCURRENT_VOLUMES)),
            MARGIN);
    Set<String> leaks = new TreeSet<>(world.knownOrphans());
    leaks.removeAll(leaksBefore);

    world.assertAlive();
    assertThat(result.run().getStatus().getLeakedBuckets())
        .as("leaked buckets reported")
        .containsExactlyInAnyOrderElementsOf(leaks);
    for (ScenarioStatus scenario : result.run().getStatus().getScenarios()) {
      if (scenario.getOutcome() == Outcome.Failed && !leaks.isEmpty()) {
        assertThat(scenario.getReason())
            .as("%s: %s", scenario.getName(), scenario.getMessage())
            .isEqualTo(Reason.OrphanBuckets);
      } else {
        assertThat(scenario.getOutcome())
            .as("%s: %s %s", scenario.getName(), scenario.getReason(), scenario.getMessage())
            .isEqualTo(Outcome.Passed);
      }
    }
    assertThat(result.run().getStatus().getPhase())
        .isEqualTo(leaks.isEmpty() ? Phase.Succeeded : Phase.Failed);
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
    List<AuditLog.Event> operatorRequests = world.auditLog().of(world.operatorUserName());
    assertThat(operatorRequests)
        .as("the operator's requests, as the API server logged them")
        .isNotEmpty();
    assertThat(operatorRequests)
        .as("requests the chart's RBAC refused")
        .noneMatch(e -> e.code() == 403);
    Set<String> listed = new TreeSet<>();
    ApiCalls.OPERATOR.forEach(c -> listed.add(c.resource() + " " + c.verb()));
    assertThat(operatorRequests)
        .as("every request the operator made is one ApiCalls lists (and the chart grants)")
        .filteredOn(
            e -> !e.resource().isEmpty() && OperatorCommand.USER_AGENT.equals(e.userAgent()))
        .allSatisfy(
            e ->
                assertThat(
                        e.apiGroup()
                            + "/"
                            + e.resource()
                            + (e.subresource().isEmpty() ? "" : "/" + e.subresource())
                            + " "
                            + e.verb())
                    .isIn(listed));
  }

  /** The run, with the faults injected into the world for its duration. */
  private static WorldRun withFaults(
      RealWorld world, Set<Fault> faults, ProvisioningValidation run) {
    RealWorld.Injection injection = world.inject(faults);
    try {
      return WorldRun.of(world, run, MARGIN);
    } finally {
      injection.close();
    }
  }

  @Test
  void aStoppedDriverIsAProvisioningTimeout(RealWorld world) {
    ProvisioningValidation run =
        run(world, "real-driver-down", List.of(ScenarioName.DEDICATED_BUCKET));
    run.getSpec().getTimeouts().setBind("20s");
    WorldRun result = withFaults(world, Set.of(Fault.DRIVER_DOWN), run);

    ScenarioStatus scenario = scenario(result, ScenarioName.DEDICATED_BUCKET);
    assertThat(scenario.getReason())
        .as(scenario.getMessage())
        .isEqualTo(Reason.ProvisioningTimeout);
    assertThat(scenario.getMessage()).contains("is the driver's controller running?");
    assertThat(scenario.getEvidence()).anyMatch(line -> line.contains("ExternalProvisioning"));
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
  }

  @Test
  void wrongDriverCredentialsAreAProvisioningFailureWithTheDriversOwnWords(RealWorld world) {
    ProvisioningValidation run =
        run(world, "real-bad-credentials", List.of(ScenarioName.DEDICATED_BUCKET));
    run.getSpec().getTimeouts().setBind("20s");
    WorldRun result = withFaults(world, Set.of(Fault.BAD_CREDENTIALS), run);

    ScenarioStatus scenario = scenario(result, ScenarioName.DEDICATED_BUCKET);
    assertThat(scenario.getReason()).as(scenario.getMessage()).isEqualTo(Reason.ProvisioningFailed);
    assertThat(scenario.getMessage())
        .contains("failed to provision volume with StorageClass \"pval-")
        .contains("bucket creation failed: failed to create bucket csi-s3-");
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
  }

  @Test
  void anExhaustedQuotaIsARequestRefusedInTheApiServersOwnWords(RealWorld world) {
    ProvisioningValidation run =
        run(world, "real-quota-exhausted", List.of(ScenarioName.DEDICATED_BUCKET));
    WorldRun result = withFaults(world, Set.of(Fault.QUOTA_EXHAUSTED), run);

    ScenarioStatus scenario = scenario(result, ScenarioName.DEDICATED_BUCKET);
    assertThat(scenario.getReason()).as(scenario.getMessage()).isEqualTo(Reason.RequestRefused);
    assertThat(scenario.getMessage())
        .startsWith("bind: the API server refused to create PersistentVolumeClaim ")
        .contains(
            ": 403 persistentvolumeclaims \"pval-",
            "\" is forbidden: exceeded quota: "
                + ExhaustedQuota.NAME
                + ", requested:"
                + " persistentvolumeclaims=1, used: persistentvolumeclaims=0, limited:"
                + " persistentvolumeclaims=0");
    StepStatus bind =
        scenario.getSteps().stream().filter(s -> s.getName().equals("bind")).findFirst().get();
    assertThat(bind.getDurationMillis())
        .as("refused at once, not at the bind deadline")
        .isLessThan(Duration.ofSeconds(5).toMillis());
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
  }

  /**
   * Names and results as long as the real API server and kubelet allow: the run's name becomes
   * label values (at most 63 characters) and ten files make the probe's result press against the
   * kubelet's 4,096-byte termination message.
   */
  @Test
  void aRunWithANinetyThreeCharacterNameAndTenFilesPasses(RealWorld world) {
    String name = ("real-long-name-" + "x".repeat(93)).substring(0, 93);
    ProvisioningValidation run = world.validation(name, List.of(ScenarioName.DEDICATED_BUCKET));
    ProbeSpec probe = new ProbeSpec();
    probe.setFileSizes(
        List.of(0L, 1L, 100L, 1000L, 4096L, 10_000L, 65_536L, 100_000L, 262_144L, 1_048_576L));
    run.getSpec().setProbe(probe);

    WorldRun result = WorldRun.of(world, run, MARGIN);

    ScenarioStatus scenario = scenario(result, ScenarioName.DEDICATED_BUCKET);
    assertThat(scenario.getOutcome())
        .as("%s %s", scenario.getReason(), scenario.getMessage())
        .isEqualTo(Outcome.Passed);
    assertThat(result.audit().isClean()).as("%s", result.audit()).isTrue();
  }

  @Test
  void aBadRunIsRefusedByTheRealApiServersAdmission(RealWorld world) {
    ProvisioningValidation run = run(world, "real-bad", List.of(ScenarioName.DEDICATED_BUCKET));
    run.getSpec().getTimeouts().setBind("forever");

    assertThatThrownBy(() -> world.client().resource(run).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage()).contains("spec.timeouts.bind");
            });
  }

  @Test
  void theOperatorIsTheChartsServiceAccount(RealWorld world) {
    assertThat(world.info().operatorUser())
        .isEqualTo(
            "system:serviceaccount:"
                + RealWorld.OPERATOR_NAMESPACE
                + ":"
                + RenderedChart.fullname(RealWorld.RELEASE));
    assertThat(world.info().kubernetesVersion()).isEqualTo(world.binaries().kubernetesVersion());
  }
}
