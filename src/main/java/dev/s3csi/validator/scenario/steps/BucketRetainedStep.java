package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.s3.S3Checks.BucketState;

/**
 * reclaimPolicy Retain keeps the data: the bucket of each retained PV still exists and still holds
 * the object put into it through S3 before the PVC was deleted.
 */
public final class BucketRetainedStep implements Step {

  @Override
  public String name() {
    return "bucketRetained";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> kept = new ArrayList<>();
    for (String pv : ctx.resources().getPvs()) {
      var volume = ctx.cluster().volume(pv);
      if (volume.isEmpty()) {
        return StepResult.failed(
            Reason.RetainNotHonoured, "PV " + pv + " was deleted although its policy is Retain");
      }
      VolumeLocation location = VolumeLocation.of(volume.get());
      String key = location.key(ProbeFiles.S3_PUT_KEY);
      if (ctx.s3().headBucket(location.bucket()) != BucketState.EXISTS) {
        return StepResult.failed(
            Reason.RetainNotHonoured,
            "bucket " + location.bucket() + " of the retained PV " + pv + " is gone");
      }
      if (ctx.s3().digest(location.bucket(), key).isEmpty()) {
        return StepResult.failed(
            Reason.RetainNotHonoured,
            "object "
                + location.bucket()
                + "/"
                + key
                + " of the retained PV "
                + pv
                + " is gone: the bucket was emptied");
      }
      kept.add(location.bucket() + " (with " + key + ")");
    }
    return StepResult.passed("bucket " + String.join(", ", kept) + " kept");
  }

  @Override
  public Deadline deadline() {
    return Deadline.objectVisible(Reason.S3Unavailable);
  }
}
