package dev.s3csi.validator.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.reconciler.OperatorSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunQueueTest {

  static ProvisioningValidation run(String name, int createdSecond, Phase phase) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName(name);
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid("uid-" + name);
    run.getMetadata().setCreationTimestamp(String.format("2026-05-01T08:00:%02dZ", createdSecond));
    if (phase != null) {
      ValidationStatus status = new ValidationStatus();
      status.setPhase(phase);
      if (phase != Phase.Pending) {
        status.setStartTime("2026-05-01T08:01:00Z");
      }
      run.setStatus(status);
    }
    return run;
  }

  @Test
  void runsOverTheLimitWaitOldestFirst() {
    RunQueue queue = new RunQueue(2);
    List<ProvisioningValidation> runs =
        new ArrayList<>(
            List.of(
                run("a", 1, Phase.Running),
                run("b", 2, Phase.Running),
                run("c", 3, null),
                run("d", 4, null)));

    assertThat(queue.admit(runs.get(3), runs)).isEqualTo(new RunQueue.Queued(2, 2, 2));
    assertThat(queue.admit(runs.get(2), runs)).isEqualTo(new RunQueue.Queued(1, 2, 2));

    runs.set(0, run("a", 1, Phase.Succeeded));
    assertThat(queue.admit(runs.get(3), runs))
        .as("d may not overtake c")
        .isEqualTo(new RunQueue.Queued(2, 1, 2));
    assertThat(queue.admit(runs.get(2), runs)).isInstanceOf(RunQueue.Admitted.class);
    assertThat(queue.admit(runs.get(3), runs))
        .as("c holds the freed slot before its status shows it")
        .isEqualTo(new RunQueue.Queued(1, 2, 2));
  }

  @Test
  void anAdmittedRunStaysAdmittedAndFinishedOrDeletedRunsHoldNoSlot() {
    RunQueue queue = new RunQueue(1);
    ProvisioningValidation first = run("first", 1, null);
    ProvisioningValidation deleting = run("deleting", 0, Phase.Running);
    deleting.getMetadata().setDeletionTimestamp("2026-05-01T08:02:00Z");
    List<ProvisioningValidation> runs = List.of(deleting, first, run("done", 0, Phase.Failed));

    assertThat(queue.admit(first, runs)).isInstanceOf(RunQueue.Admitted.class);
    assertThat(queue.admit(first, runs)).isInstanceOf(RunQueue.Admitted.class);
  }

  @Test
  void noLimitAdmitsEveryRun() {
    RunQueue queue = new RunQueue(0);
    List<ProvisioningValidation> runs = List.of(run("a", 1, Phase.Running), run("b", 2, null));

    assertThat(queue.admit(runs.get(1), runs)).isInstanceOf(RunQueue.Admitted.class);
  }

  @Test
  void theQueuedMessageSaysWhyAndWhere() {
    assertThat(new RunQueue.Queued(3, 10, 10).message())
        .isEqualTo(
            "waiting for a slot: 10 runs in progress, at most 10 at once (MAX_CONCURRENT_RUNS); position 3 in the queue");
  }

  @Test
  void theLimitComesFromTheEnvironment() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).maxConcurrentRuns())
        .isEqualTo(OperatorSettings.DEFAULT_MAX_CONCURRENT_RUNS);
    assertThat(
            OperatorSettings.fromEnvironment(Map.of("MAX_CONCURRENT_RUNS", " 3 "))
                .maxConcurrentRuns())
        .isEqualTo(3);
    assertThat(
            OperatorSettings.fromEnvironment(Map.of("MAX_CONCURRENT_RUNS", "0"))
                .maxConcurrentRuns())
        .isZero();
    assertThatThrownBy(
            () -> OperatorSettings.fromEnvironment(Map.of("MAX_CONCURRENT_RUNS", "many")))
        .hasMessage("MAX_CONCURRENT_RUNS must be a whole number, got 'many'");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("MAX_CONCURRENT_RUNS", "-1")))
        .hasMessageContaining("must be 0 (no limit) or more");
    assertThat(
            OperatorSettings.fromEnvironment(Map.of("WATCH_NAMESPACES", "a, b")).watchNamespaces())
        .isEqualTo(Set.of("a", "b"));
  }
}
