package dev.s3csi.validator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.sandbox.ChaosDispatcher.Write;
import dev.s3csi.validator.sandbox.Timeline.Change;
import dev.s3csi.validator.sandbox.Timeline.ChangeKind;

import io.fabric8.kubernetes.client.utils.Serialization;

import static org.assertj.core.api.Assertions.assertThat;

class ReactionLatencyTest {
  private static final long MS = 1_000_000;
  private static final String RUNS =
      "/apis/validation.s3csi.dev/v1alpha1/namespaces/ns/provisioningvalidations/";

  private static RunIndex index() {
    RunIndex index = new RunIndex();
    index.add(run("a", "00000000-0000-0000-0000-0000000000aa"));
    index.add(run("b", "00000000-0000-0000-0000-0000000000bb"));
    return index;
  }

  private static ProvisioningValidation run(String name, String uid) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName(name);
    run.getMetadata().setNamespace("ns");
    run.getMetadata().setUid(uid);
    return run;
  }

  private static Change change(String run, ChangeKind kind, String object, long millis) {
    return new Change(run, kind, object, millis * MS);
  }

  /**
   * A status write of run {@code run} in which the dedicatedBucket scenario has recorded {@code
   * pvcs} and finished {@code finished} of its steps bind, probe and deleteClaim.
   */
  private static Write status(String run, int finished, List<String> pvcs, long millis) {
    return status(
        run,
        ScenarioName.DEDICATED_BUCKET,
        List.of("bind", "probe", "deleteClaim"),
        finished,
        pvcs,
        millis);
  }

  /** The same for any scenario and steps. */
  private static Write status(
      String run,
      ScenarioName name,
      List<String> stepNames,
      int finished,
      List<String> pvcs,
      long millis) {
    List<StepStatus> steps = new ArrayList<>();
    for (String step : stepNames) {
      StepStatus status = new StepStatus(step);
      status.setOutcome(steps.size() < finished ? Outcome.Passed : Outcome.Running);
      steps.add(status);
    }
    ScenarioStatus scenario = new ScenarioStatus(name, steps);
    scenario.getResources().getPvcs().addAll(pvcs);
    ProvisioningValidation written = new ProvisioningValidation();
    written.getMetadata().setName(run);
    written.setStatus(new ValidationStatus());
    written.getStatus().getScenarios().add(scenario);
    return new Write(
        "PUT", RUNS + run + "/status", 200, Serialization.asJson(written), millis * MS);
  }

  @Test
  void aChangeIsAnsweredByTheStatusWriteConcludingTheStepThatAwaitedIt() {
    List<Write> writes =
        List.of(
            status("a", 0, List.of("pval-000000aa-db-0"), 5),
            // Another scenario's action right after the change: not caused by it.
            new Write(
                "POST",
                "/api/v1/namespaces/ns/pods",
                201,
                "{\"metadata\":{\"name\":\"pval-000000aa-cv-probe-3\"}}",
                12 * MS),
            status("a", 1, List.of("pval-000000aa-db-0"), 30));

    ReactionLatency latency =
        ReactionLatency.inSandbox(
            List.of(change("a", ChangeKind.BOUND, "pval-000000aa-db-0", 10)),
            writes,
            index(),
            Set.of("a"));

    assertThat(latency.samples()).extracting(ReactionLatency.Sample::millis).containsExactly(20.0);
    assertThat(latency.superseded()).isZero();
    assertThat(latency.unanswered()).isZero();
  }

  @Test
  void whenAStepAwaitsSeveralChangesTheLastCausesItsConclusion() {
    List<String> pvcs = List.of("pval-000000aa-db-0", "pval-000000aa-db-1");
    List<Write> writes = List.of(status("a", 0, pvcs, 5), status("a", 1, pvcs, 26));

    ReactionLatency latency =
        ReactionLatency.inSandbox(
            List.of(
                change("a", ChangeKind.BOUND, "pval-000000aa-db-1", 20),
                change("a", ChangeKind.BOUND, "pval-000000aa-db-0", 10)),
            writes,
            index(),
            Set.of("a"));

    assertThat(latency.samples()).extracting(ReactionLatency.Sample::millis).containsExactly(6.0);
    assertThat(latency.superseded()).isEqualTo(1);
  }

  @Test
  void changesNoConclusionFollowsAndRunsOutsideTheMeasuredSetAreNoSamples() {
    List<String> pvcs = List.of("pval-000000aa-db-0");
    List<Write> writes =
        List.of(
            status("a", 0, pvcs, 5),
            status("a", 1, pvcs, 30),
            status("b", 0, List.of("pval-000000bb-db-0"), 5),
            status("b", 1, List.of("pval-000000bb-db-0"), 30));

    ReactionLatency latency =
        ReactionLatency.inSandbox(
            List.of(
                change("a", ChangeKind.POD_FINISHED, "pval-000000aa-db-0", 40),
                change("b", ChangeKind.BOUND, "pval-000000bb-db-0", 10)),
            writes,
            index(),
            Set.of("a"));

    assertThat(latency.samples()).isEmpty();
    assertThat(latency.unanswered()).isEqualTo(1);
  }

  @Test
  void aConclusionTheSettleTimerCausedIsKeptApartFromTheReactions() {
    List<String> steps = List.of("storageClasses", ReactionLatency.SETTLE_TIMED_STEP, "cleanup");
    List<String> pvcs = List.of("pval-000000aa-inv-0");
    List<Write> writes =
        List.of(
            status("a", ScenarioName.INVALID_PARAMETERS, steps, 1, pvcs, 5),
            // Concluded 2 s after the refusal: the settle period, not a reaction.
            status("a", ScenarioName.INVALID_PARAMETERS, steps, 2, pvcs, 2_015),
            status("a", 0, List.of("pval-000000aa-db-0"), 6),
            status("a", 1, List.of("pval-000000aa-db-0"), 40));

    ReactionLatency latency =
        ReactionLatency.inSandbox(
            List.of(
                change("a", ChangeKind.REFUSED, "pval-000000aa-inv-0", 10),
                change("a", ChangeKind.BOUND, "pval-000000aa-db-0", 30)),
            writes,
            index(),
            Set.of("a"));

    assertThat(latency.samples())
        .containsExactly(new ReactionLatency.Sample(ChangeKind.BOUND, 10.0));
    assertThat(latency.settled())
        .containsExactly(new ReactionLatency.Sample(ChangeKind.REFUSED, 2_005.0));
    assertThat(latency.byKind()).doesNotContainKey(ChangeKind.REFUSED);
  }

  @Test
  void theRefusalSettlePeriodCountsAsInevitableTimeOfInvalidParameters() {
    CriticalPathPhase.Run run =
        new CriticalPathPhase.Run(
            "r",
            true,
            6.6,
            java.util.Map.of("dedicatedBucket", 3, "invalidParameters", 1),
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(5),
            0,
            0,
            0,
            0);

    assertThat(run.inevitableSeconds("invalidParameters")).isEqualTo(6.0);
    assertThat(run.longestSeconds()).isEqualTo(6.0);
    assertThat(run.sumSeconds()).isEqualTo(9.0);
    assertThat(run.criticalPathRatio()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theConcurrentBaselineWaitsForItsLongestScenarioOnly() {
    CriticalPathPhase.Run run =
        new CriticalPathPhase.Run(
            "r",
            true,
            4.2,
            java.util.Map.of("dedicatedBucket", 3, "invalidParameters", 1),
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(2),
            0,
            0,
            0,
            0);

    // invalidParameters: one stage noticed at the 2 s poll, then the 2 s settle period.
    assertThat(PollingBaseline.concurrentRunSeconds(run)).isEqualTo(6.0);
    assertThat(PollingBaseline.sequentialRunSeconds(run)).isEqualTo(10.0);
  }

  @Test
  void percentilesAreNearestRank() {
    List<Double> hundred =
        java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();

    assertThat(Distribution.of(hundred)).isEqualTo(new Distribution(50, 95, 99, 100, 100));
    assertThat(Distribution.of(List.of(7.25))).isEqualTo(new Distribution(7.3, 7.3, 7.3, 7.3, 1));
    assertThat(Distribution.of(List.of()).samples()).isZero();
  }

  @Test
  void theBaselineNoticesEachStageAtTheNextTwoSecondPoll() {
    assertThat(PollingBaseline.awaitSeconds(java.time.Duration.ofSeconds(1))).isEqualTo(2.0);
    assertThat(PollingBaseline.awaitSeconds(java.time.Duration.ofMillis(2000))).isEqualTo(2.0);
    assertThat(PollingBaseline.awaitSeconds(java.time.Duration.ofMillis(2001))).isEqualTo(4.0);
  }
}
