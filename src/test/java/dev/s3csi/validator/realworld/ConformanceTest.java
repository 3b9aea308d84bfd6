package dev.s3csi.validator.realworld;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioNote;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.harness.World;
import dev.s3csi.validator.harness.WorldRun;
import dev.s3csi.validator.sandbox.DriverProfile;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox against reality: the six scenarios, and the three a run must ask for, on the real
 * world and on the sandbox's {@code scality} profile must end the same way, scenario by scenario
 * and step by step (outcome, reason, the reasons of the notes). The real world is the judge: a
 * difference means the simulator is wrong until shown otherwise.
 *
 * <p>One difference is allowed, and only with proof: the real driver leaks a bucket when
 * external-provisioner calls CreateVolume twice for one PVC, which happens on a loaded machine and
 * which the sandbox does not simulate. Such a run's OrphanBuckets verdict must name exactly the
 * buckets the sidecar's log shows were leaked; the rest of it must conform.
 */
@Isolated("the real world's driver is shared")
@ExtendWith(SharedRealWorld.class)
class ConformanceTest {
  private static final List<Long> FILE_SIZES = List.of(0L, 4096L, 1024L * 1024);

  /** How a scenario ended, as far as both worlds must agree. */
  record Verdict(Outcome outcome, Reason reason, Map<String, Outcome> steps, Set<Reason> notes) {
    static Verdict of(ScenarioStatus scenario) {
      Map<String, Outcome> steps = new LinkedHashMap<>();
      for (StepStatus step : scenario.getSteps()) {
        steps.put(step.getName(), step.getOutcome());
      }
      return new Verdict(
          scenario.getOutcome(),
          scenario.getReason(),
          steps,
          scenario.getNotes().stream()
              .map(ScenarioNote::getReason)
              .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * The same verdict had the driver not leaked: the orphan check passed, the scenario with it.
     */
    Verdict withoutLeak() {
      Map<String, Outcome> passed = new LinkedHashMap<>(steps);
      passed.replace("orphanBuckets", Outcome.Passed);
      boolean onlyTheLeak = passed.values().stream().noneMatch(o -> o == Outcome.Failed);
      return onlyTheLeak ? new Verdict(Outcome.Passed, null, passed, notes) : this;
    }
  }

  private static Map<String, Verdict> verdicts(WorldRun result) {
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    result
        .run()
        .getStatus()
        .getScenarios()
        .forEach(s -> verdicts.put(s.getName().wireName(), Verdict.of(s)));
    return verdicts;
  }

  private static WorldRun run(World world, String name, List<ScenarioName> scenarios) {
    return run(world, name, scenarios, world.timeouts().getBind());
  }

  /**
   * @param bind how long the run waits for a volume: a broken driver is only known by a timeout
   */
  private static WorldRun run(World world, String name, List<ScenarioName> scenarios, String bind) {
    ProvisioningValidation run = world.validation(name, scenarios);
    run.getSpec().getTimeouts().setBind(bind);
    ProbeSpec probe = new ProbeSpec();
    probe.setFileSizes(FILE_SIZES);
    run.getSpec().setProbe(probe);
    return WorldRun.of(world, run, Duration.ofSeconds(60));
  }

  private static WorldRun onScalitySandbox(Set<Fault> faults, List<ScenarioName> scenarios) {
    try (Sandbox sandbox =
        Sandbox.start(
            SandboxOptions.defaults().withProfile(DriverProfile.SCALITY).withFaults(faults))) {
      return run(sandbox, "conformance", scenarios);
    }
  }

  @Test
  void theSandboxsScalityProfileEndsEveryScenarioAsTheRealDriverDoes(RealWorld real) {
    assertBothWorldsEndTheSameWay(real, "conformance", List.of());
  }

  /**
   * The scenarios a run must ask for: Retain, WaitForFirstConsumer (the real PV controller and
   * external-provisioner wait for the node the scheduler's stand-in selects), a read-only mount.
   * The real driver passes them.
   */
  @Test
  void theOptInScenariosEndAsOnTheRealDriver(RealWorld real) {
    WorldRun onReal =
        assertBothWorldsEndTheSameWay(
            real,
            "conformance-opt-in",
            List.of(
                ScenarioName.RETAIN_RECLAIM,
                ScenarioName.WAIT_FOR_FIRST_CONSUMER,
                ScenarioName.READ_ONLY_MOUNT));

    assertThat(onReal.run().getStatus().getPhase()).isEqualTo(Phase.Succeeded);
  }

  /** Returns the run on the real world. */
  private static WorldRun assertBothWorldsEndTheSameWay(
      RealWorld real, String name, List<ScenarioName> scenarios) {
    Set<String> leaksBefore = real.knownOrphans();
    WorldRun onReal = run(real, name, scenarios);
    Set<String> leaks = new TreeSet<>(real.knownOrphans());
    leaks.removeAll(leaksBefore);
    WorldRun onSandbox = onScalitySandbox(Set.of(), scenarios);

    Map<String, Verdict> expected = verdicts(onReal);
    if (!leaks.isEmpty()) {
      assertThat(onReal.run().getStatus().getLeakedBuckets())
          .containsExactlyInAnyOrderElementsOf(leaks);
      expected.replaceAll((scenario, verdict) -> verdict.withoutLeak());
    }
    assertThat(verdicts(onSandbox))
        .as("sandbox (scality profile) against the real driver; leaked on the real one: %s", leaks)
        .isEqualTo(expected);
    assertThat(onReal.audit().isClean()).as("real: %s", onReal.audit()).isTrue();
    assertThat(onSandbox.audit().isClean()).as("sandbox: %s", onSandbox.audit()).isTrue();
    return onReal;
  }

  /**
   * The faults both worlds can inject (a broken driver, a namespace out of PVC quota) end a
   * provisioning scenario with the same verdict in each.
   */
  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"DRIVER_DOWN", "BAD_CREDENTIALS", "QUOTA_EXHAUSTED"})
  void aFaultEndsTheSameWayInBothWorlds(Fault fault, RealWorld real) {
    List<ScenarioName> scenarios = List.of(ScenarioName.DEDICATED_BUCKET);
    WorldRun onReal;
    try (RealWorld.Injection injected = real.inject(Set.of(fault))) {
      onReal = run(real, "conformance-" + fault.cliName(), scenarios, "20s");
    }
    WorldRun onSandbox = onScalitySandbox(Set.of(fault), scenarios);

    assertThat(verdicts(onSandbox))
        .as("%s: sandbox (scality profile) against the real driver", fault.cliName())
        .isEqualTo(verdicts(onReal));
    assertThat(onReal.audit().isClean()).as("real: %s", onReal.audit()).isTrue();
  }
}
