package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/**
 * Deletes, through S3, the objects the scenario's volumes wrote under their prefixes in a bucket
 * shared with others: what the run wrote goes, what others wrote stays.
 */
public final class CleanUpPrefixes implements Step {

  @Override
  public String name() {
    return "prefixCleanup";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> removed = new ArrayList<>();
    for (String where : ctx.resources().getPrefixes()) {
      int slash = where.indexOf('/');
      String bucket = where.substring(0, slash);
      int deleted = ctx.s3().deleteObjects(bucket, where.substring(slash + 1));
      removed.add(where + " (" + deleted + " objects)");
    }
    return StepResult.passed(removed.isEmpty() ? "no prefix to clean up" : "deleted the objects under " + String.join(", ", removed));
  }

  @Override
  public Duration timeout(StepTimeouts timeouts) {
    return timeouts.deletion();
  }

  @Override
  public Reason timeoutReason() {
    return Reason.CleanupFailed;
  }
}
