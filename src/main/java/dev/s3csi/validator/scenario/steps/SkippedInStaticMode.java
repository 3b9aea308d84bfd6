package dev.s3csi.validator.scenario.steps;

import java.time.Duration;

import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

/**
 * A step of the dynamic attempt of the sharedBucket scenario, passed over when the spec asks for
 * Static mode.
 */
public final class SkippedInStaticMode implements Step {
  private final Step step;

  public SkippedInStaticMode(Step step) {
    this.step = step;
  }

  @Override
  public String name() {
    return step.name();
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    if (ctx.spec().sharedBucket().mode() == SharedBucketMode.Static) {
      return StepResult.passed("not needed: spec.sharedBucket.mode is Static");
    }
    return step.run(ctx);
  }

  @Override
  public Deadline deadline() {
    return step.deadline();
  }

  @Override
  public StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    return step.timedOut(ctx, last, timeout);
  }
}
