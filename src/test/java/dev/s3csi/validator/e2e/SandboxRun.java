package dev.s3csi.validator.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.harness.Audit;
import dev.s3csi.validator.harness.RunWatcher;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.harness.WorldRun;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One run of the real operator on a fresh sandbox, to its end: the finished CR and what the sandbox
 * held afterwards.
 */
record SandboxRun(ProvisioningValidation run, Audit audit, Set<String> injectedOrphans) {
  /**
   * Smaller files than the default 8 MiB one: the same checks at a third of the CPU, on a shared
   * machine.
   */
  static final List<Long> FILE_SIZES = List.of(0L, 4096L, 1024L * 1024);

  static SandboxRun of(SandboxOptions options, List<ScenarioName> scenarios) {
    return of(options, scenarios, sandbox -> run -> {});
  }

  /**
   * @param customize gets the sandbox (to add objects it needs) and returns what to change in the
   *     CR
   */
  static SandboxRun of(
      SandboxOptions options,
      List<ScenarioName> scenarios,
      Function<Sandbox, Consumer<ProvisioningValidation>> customize) {
    try (Sandbox sandbox = Sandbox.start(options)) {
      ProvisioningValidation run = sandbox.validation("e2e", scenarios);
      ProbeSpec probe = new ProbeSpec();
      probe.setFileSizes(FILE_SIZES);
      run.getSpec().setProbe(probe);
      customize.apply(sandbox).accept(run);
      WorldRun finished = WorldRun.of(sandbox, run, Duration.ofSeconds(30));
      assertThat(RunWatcher.isFinished(finished.run()))
          .as("run finished: %s", finished.run().getStatus())
          .isTrue();
      return new SandboxRun(finished.run(), finished.audit(), sandbox.knownOrphans());
    }
  }

  ScenarioStatus scenario(ScenarioName name) {
    return run.getStatus().getScenarios().stream()
        .filter(s -> s.getName() == name)
        .findFirst()
        .orElseThrow();
  }

  static StepStatus step(ScenarioStatus scenario, String name) {
    return scenario.getSteps().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
