package dev.s3csi.validator.scenario.steps;

import java.time.Duration;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.probe.ProbeContent;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/** Puts an object into each bucket through S3, for the probe to read back through the mount. */
public final class WriteThroughS3 implements Step {

  @Override
  public String name() {
    return "s3Write";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    byte[] content = ProbeContent.bytes(ProbeFiles.of(ctx).s3PutSeed(), ProbeFiles.S3_PUT_SIZE);
    for (String bucket : ctx.resources().getBuckets()) {
      ctx.s3().put(bucket, ProbeFiles.S3_PUT_KEY, content);
    }
    return StepResult.passed("PutObject " + ProbeFiles.S3_PUT_KEY + " (" + content.length + " bytes) into "
        + String.join(", ", ctx.resources().getBuckets()));
  }

  @Override
  public Duration timeout(StepTimeouts timeouts) {
    return timeouts.objectVisible();
  }

  @Override
  public Reason timeoutReason() {
    return Reason.S3Unavailable;
  }
}
