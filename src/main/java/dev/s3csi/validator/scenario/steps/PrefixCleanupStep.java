package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.s3.S3Checks;

/**
 * Deletes, through S3, the objects the scenario's volumes wrote under their prefixes in a bucket
 * shared with others: what the run wrote goes, what others wrote stays.
 */
public final class PrefixCleanupStep implements Step {
  public static final String NAME = "prefixCleanup";

  @Override
  public String name() {
    return NAME;
  }

  /** Deletes the objects under one recorded {@code bucket/prefix/}; returns how many. */
  public static int delete(S3Checks s3, String where) {
    int slash = where.indexOf('/');
    return s3.deleteObjects(where.substring(0, slash), where.substring(slash + 1));
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> removed = new ArrayList<>();
    for (String where : ctx.resources().getPrefixes()) {
      removed.add(where + " (" + delete(ctx.s3(), where) + " objects)");
    }
    return StepResult.passed(
        removed.isEmpty()
            ? "no prefix to clean up"
            : "deleted the objects under " + String.join(", ", removed));
  }

  @Override
  public Deadline deadline() {
    return Deadline.deletion(Reason.CleanupFailed);
  }
}
