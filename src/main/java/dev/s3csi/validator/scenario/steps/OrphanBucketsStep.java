package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

/**
 * No driver-named bucket that appeared since the scenario started may be left without a PV: N PVCs
 * must have made exactly N buckets. Orphans fail the scenario and are listed, never deleted.
 */
public final class OrphanBucketsStep implements Step {

  @Override
  public String name() {
    return "orphanBuckets";
  }

  /**
   * Judges the buckets created from the scenario's start to this step's: those are the ones the
   * scenario can have caused, and all of them are old enough to judge within {@link #timeout}. The
   * step waits until none is too young, so that the failure lists every orphan.
   */
  @Override
  public StepResult run(ScenarioContext ctx) {
    Instant scenarioStart = Instant.parse(ctx.status().getSteps().get(0).getStartTime());
    Instant stepStart = ctx.stepStart(name());
    OrphanBuckets.Scan scan =
        OrphanBuckets.scan(
            ctx.s3(), ctx.cluster(), ctx.writer(), scenarioStart, stepStart, ctx.now());
    if (scan.recheckAt().isPresent()) {
      return StepResult.polling(
          "waiting for young unmatched " + OrphanBuckets.DRIVER_PREFIX + "* buckets to get a PV",
          Duration.between(ctx.now(), scan.recheckAt().get()));
    }
    if (!scan.orphans().isEmpty()) {
      ctx.addEvidence(
          "ListBuckets: "
              + scan.orphans().size()
              + " "
              + OrphanBuckets.DRIVER_PREFIX
              + "* bucket(s) created since "
              + scenarioStart
              + " match no PV volumeHandle or bucketName: "
              + scan.orphans());
      return StepResult.failed(
          Reason.OrphanBuckets,
          scan.orphans().size()
              + " driver-named bucket(s) appeared during"
              + " the run and match no PV: "
              + String.join(", ", scan.orphans())
              + " (CreateVolume retried after a timeout?); listed in status.leakedBuckets, not deleted");
    }
    return StepResult.passed(
        "every "
            + OrphanBuckets.DRIVER_PREFIX
            + "* bucket created since the scenario started belongs to a PV");
  }

  /** Long enough for a young bucket to age past the in-flight window. */
  @Override
  public Deadline deadline() {
    return Deadline.objectVisible(Reason.S3Unavailable).plus(OrphanBuckets.IN_FLIGHT);
  }
}
