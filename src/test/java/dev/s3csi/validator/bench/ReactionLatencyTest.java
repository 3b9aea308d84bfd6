package dev.s3csi.validator.bench;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.sandbox.ChaosDispatcher.Write;
import dev.s3csi.validator.sandbox.Timeline.Change;
import dev.s3csi.validator.sandbox.Timeline.ChangeKind;

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

  private static Change change(String run, ChangeKind kind, long millis) {
    return new Change(run, kind, "object", millis * MS);
  }

  @Test
  void eachChangeIsAnsweredByTheNextWriteConcerningItsOwnRun() {
    List<Write> writes =
        List.of(
            new Write("PUT", RUNS + "b/status", 200, "{}", 12 * MS),
            new Write(
                "DELETE",
                "/api/v1/namespaces/ns/pods/pval-000000aa-dedicated-probe-0",
                200,
                "",
                15 * MS),
            new Write(
                "POST",
                "/api/v1/namespaces/ns/events",
                201,
                "{\"metadata\":{\"name\":\"a.0123456789abcdef\"}}",
                40 * MS),
            new Write(
                "POST",
                "/api/v1/namespaces/ns/pods",
                201,
                "{\"metadata\":{\"name\":\"pval-000000aa-concurrent-probe-3\"}}",
                70 * MS));
    List<Change> changes =
        List.of(
            change("a", ChangeKind.BOUND, 10),
            change("a", ChangeKind.POD_FINISHED, 20),
            change("a", ChangeKind.VOLUME_DELETED, 40),
            change("b", ChangeKind.REFUSED, 13),
            change("a", ChangeKind.BOUND, 71));

    ReactionLatency latency = ReactionLatency.measure(changes, writes, index(), Set.of("a", "b"));

    // a: 10 -> the pod delete at 15; 20 -> the event at 40; 40 -> the event at 40; 71 -> nothing
    // after it.
    // b: 13 -> nothing after it (its status write came before).
    assertThat(latency.samples())
        .extracting(ReactionLatency.Sample::millis)
        .containsExactly(5.0, 20.0, 0.0);
    assertThat(latency.unanswered()).isEqualTo(2);
    assertThat(latency.byKind())
        .containsOnlyKeys(ChangeKind.BOUND, ChangeKind.POD_FINISHED, ChangeKind.VOLUME_DELETED);
  }

  @Test
  void runsOutsideTheMeasuredSetAndWritesOfOtherObjectsAreIgnored() {
    List<Write> writes =
        List.of(
            new Write("PUT", RUNS + "a/status", 200, "{}", 30 * MS),
            new Write("DELETE", "/api/v1/namespaces/ns/pods/someone-elses-pod", 200, "", 11 * MS));

    ReactionLatency latency =
        ReactionLatency.measure(
            List.of(change("a", ChangeKind.BOUND, 10), change("b", ChangeKind.BOUND, 10)),
            writes,
            index(),
            Set.of("a"));

    assertThat(latency.samples()).extracting(ReactionLatency.Sample::millis).containsExactly(20.0);
    assertThat(latency.unanswered()).isZero();
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
