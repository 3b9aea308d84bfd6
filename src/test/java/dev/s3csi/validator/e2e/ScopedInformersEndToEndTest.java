package dev.s3csi.validator.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.harness.RunWatcher;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PV and Event informers keep only what concerns the runs (OwnObjectsStore): the driver's PVs
 * and its refusals must still reach the steps that await them, among other workloads' objects, and
 * when the operator watches listed namespaces (one Event informer, and one store, per namespace).
 */
class ScopedInformersEndToEndTest {
  static final Duration MARGIN = Duration.ofSeconds(30);

  /**
   * A dynamic PV (dedicatedBucket) and a refusal seen only as a Warning event (invalidParameters).
   */
  static ProvisioningValidation run(Sandbox sandbox, String name) {
    ProvisioningValidation run =
        sandbox.validation(
            name, List.of(ScenarioName.DEDICATED_BUCKET, ScenarioName.INVALID_PARAMETERS));
    ProbeSpec probe = new ProbeSpec();
    probe.setFileSizes(SandboxRun.FILE_SIZES);
    run.getSpec().setProbe(probe);
    return run;
  }

  static ProvisioningValidation runToEnd(Sandbox sandbox, ProvisioningValidation run) {
    sandbox.client().resource(run).create();
    ProvisioningValidation finished = new RunWatcher(sandbox.client()).awaitFinished(run, MARGIN);
    assertThat(finished.getStatus().getPhase())
        .as(
            "%s, first failure %s: %s",
            finished.getStatus().getSummary(),
            finished.getStatus().getFirstFailure(),
            finished.getStatus().getScenarios().stream().map(sc -> sc.getMessage()).toList())
        .isEqualTo(Phase.Succeeded);
    return finished;
  }

  @Test
  void otherWorkloadsObjectsChangeNothingAndAreListedAPageAtATime() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      sandbox.foreignObjects().fill(1200);
      try (ValidatorOperator operator = sandbox.startOperator()) {
        runToEnd(sandbox, run(sandbox, "among-others"));
      }
      assertThat(sandbox.audit().isClean()).as("%s", sandbox.audit()).isTrue();
      // 1,200 PVs and 6,000 Events, asked for 500 at a time by the operator (the sandbox's own
      // lists
      // take everything at once): 2 + 11 pages with more to come.
      assertThat(sandbox.foreignObjects().partialPages()).isGreaterThanOrEqualTo(13);
    }
  }

  @Test
  void anOperatorWatchingListedNamespacesStillSeesTheDriversRefusals() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        ValidatorOperator operator =
            sandbox.startOperator(
                new OperatorSettings(
                    Set.of(Sandbox.NAMESPACE, "elsewhere"),
                    OperatorSettings.DEFAULT_PROBE_IMAGE))) {
      runToEnd(sandbox, run(sandbox, "listed-namespaces"));
      assertThat(sandbox.audit().isClean()).as("%s", sandbox.audit()).isTrue();
    }
  }

  /**
   * Events about PVs are written to namespace default, which this operator does not watch: a PV
   * that outlives its deadline is still judged (DeletionTimeout, Terminating said as such), its
   * events asked for at the API server, instead of the run failing to reconcile until RunTimeout.
   */
  @Test
  void anOperatorWatchingListedNamespacesJudgesAPvThatIsNotDeleted() {
    try (Sandbox sandbox =
            Sandbox.start(SandboxOptions.defaults().withFaults(Set.of(Fault.PV_NOT_DELETED)));
        ValidatorOperator operator =
            sandbox.startOperator(
                new OperatorSettings(
                    Set.of(Sandbox.NAMESPACE), OperatorSettings.DEFAULT_PROBE_IMAGE))) {
      ProvisioningValidation run =
          sandbox.validation("pv-stays", List.of(ScenarioName.DELETE_RECLAIM));
      sandbox.client().resource(run).create();
      ProvisioningValidation finished = new RunWatcher(sandbox.client()).awaitFinished(run, MARGIN);

      assertThat(finished.getStatus().getPhase()).isEqualTo(Phase.Failed);
      ScenarioStatus scenario = finished.getStatus().getScenarios().get(0);
      assertThat(scenario.getReason()).isEqualTo(Reason.DeletionTimeout);
      assertThat(scenario.getMessage()).contains("which is Terminating");
    }
  }
}
