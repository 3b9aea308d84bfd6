package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.scenario.OrphanBuckets;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/**
 * No driver-named bucket that appeared since the scenario started may be left without a PV: N
 * PVCs must have made exactly N buckets. Orphans fail the scenario and are listed, never deleted.
 */
public final class NoOrphanBuckets implements Step {

  @Override
  public String name() {
    return "orphanBuckets";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    Instant started = Instant.parse(ctx.status().getSteps().get(0).getStartTime());
    OrphanBuckets.Scan scan = OrphanBuckets.scan(ctx.s3(), ctx.cluster(), started, ctx.now(), ctx.now());
    if (!scan.orphans().isEmpty()) {
      return StepResult.failed(Reason.OrphanBuckets, scan.orphans().size() + " driver-named bucket(s) appeared during"
          + " the run and match no PV: " + String.join(", ", scan.orphans())
          + " (CreateVolume retried after a timeout?); listed in status.leakedBuckets, not deleted");
    }
    if (scan.recheckAt().isPresent()) {
      return StepResult.polling("waiting for young unmatched " + OrphanBuckets.DRIVER_PREFIX + "* buckets to get a PV",
          Duration.between(ctx.now(), scan.recheckAt().get()));
    }
    return StepResult.passed("every " + OrphanBuckets.DRIVER_PREFIX + "* bucket created since the scenario started belongs to a PV");
  }

  /** Long enough for a young bucket to age past the in-flight window. */
  @Override
  public Duration timeout(StepTimeouts timeouts) {
    return OrphanBuckets.IN_FLIGHT.plus(timeouts.objectVisible());
  }

  @Override
  public Reason timeoutReason() {
    return Reason.S3Unavailable;
  }
}
