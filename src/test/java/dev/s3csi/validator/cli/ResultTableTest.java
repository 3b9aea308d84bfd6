package dev.s3csi.validator.cli;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioNote;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary a terminal shows and the wide table that keeps everything. */
class ResultTableTest {
  private static final String BUCKET = "csi-s3-749b317f-16f1-42a3-b07a-4e38ecf081c7";

  private static StepStatus step(String name, Outcome outcome, long millis, String message) {
    StepStatus step = new StepStatus(name);
    step.setOutcome(outcome);
    step.setStartTime("2026-01-01T00:00:00Z");
    step.setDurationMillis(millis);
    step.setMessage(message);
    return step;
  }

  private static ProvisioningValidation run() {
    ScenarioStatus passed =
        new ScenarioStatus(
            ScenarioName.SHARED_BUCKET,
            List.of(
                step("bind", Outcome.Passed, 420, "2 PVCs Bound to 2 PVs"),
                step("verifyObjects", Outcome.Passed, 3, "6 objects in " + BUCKET + " match")));
    passed.setOutcome(Outcome.Passed);
    passed.setMessage("all 2 steps passed in Static mode; cleanup complete");
    passed
        .getNotes()
        .add(
            new ScenarioNote(
                Reason.SharedBucketUnsupported, "the driver ignored the shared-bucket parameters"));
    String waiting =
        "still waiting for object "
            + BUCKET
            + "/pval-p0-f0.bin, "
            + BUCKET
            + "/pval-p0-f1.bin to appear in S3 after 4s";
    ScenarioStatus failed =
        new ScenarioStatus(
            ScenarioName.DEDICATED_BUCKET,
            List.of(
                step("bind", Outcome.Passed, 586, "PVC pval-1-dedicated-0 Bound"),
                step("verifyObjects", Outcome.Failed, 4000, waiting),
                step(
                    "deleteStorageClass",
                    Outcome.Passed,
                    12,
                    "deleted StorageClass pval-1-dedicated")));
    failed.setOutcome(Outcome.Failed);
    failed.setReason(Reason.ObjectMissing);
    failed.setMessage("verifyObjects: " + waiting);
    IntStream.range(0, 6)
        .forEach(
            i ->
                failed
                    .getEvidence()
                    .add("GetObject answered NoSuchKey for object " + i + "\nsecond line"));
    ValidationStatus status = new ValidationStatus();
    status.setPhase(Phase.Failed);
    status.setSummary("1/2 passed");
    status.setScenarios(List.of(passed, failed));
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setNamespace("checks");
    run.getMetadata().setName("nightly");
    run.setStatus(status);
    return run;
  }

  @Test
  void theSummaryHasOneLinePerScenarioAndTheFailingStepAndEvidenceOfAFailedOne() {
    String summary = ResultTable.render(run());

    assertThat(summary)
        .startsWith("checks/nightly: Failed, 1/2 passed\n")
        .containsPattern(
            "(?m)^sharedBucket +Passed +420ms +all 2 steps passed in Static mode; cleanup complete$")
        .containsPattern(
            "(?m)^  note +SharedBucketUnsupported +the driver ignored the shared-bucket parameters$")
        .containsPattern(
            "(?m)^dedicatedBucket +Failed +4\\.0s +ObjectMissing +verifyObjects: still waiting for object csi-s3-")
        .containsPattern(
            "(?m)^  step verifyObjects +Failed +4\\.0s +still waiting for object csi-s3-749b317f…/")
        .containsPattern("(?m)^  evidence +GetObject answered NoSuchKey for object 0 …$")
        .containsPattern("(?m)^  evidence +… 2 more: --output wide$")
        .doesNotContain("deleteStorageClass")
        .doesNotContain("second line")
        .doesNotContain("16f1-42a3");
    assertThat(summary.lines())
        .allSatisfy(
            line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(ResultTable.WIDTH));
    assertThat(summary.lines().filter(l -> l.startsWith("  evidence")))
        .hasSize(ResultTable.EVIDENCE_LINES + 1);
  }

  @Test
  void theWideTableKeepsEveryStepAndMessageInFull() {
    String wide = ResultTable.render(run(), ResultTable.Style.WIDE);

    assertThat(wide)
        .containsPattern(
            "(?m)^ +deleteStorageClass +Passed +12ms +deleted StorageClass pval-1-dedicated$")
        .contains(BUCKET + "/pval-p0-f1.bin to appear in S3 after 4s")
        .contains("GetObject answered NoSuchKey for object 5\nsecond line");
  }
}
