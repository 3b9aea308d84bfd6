package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.probe.ProbeContent.Digest;
import dev.s3csi.validator.probe.ProbePlan.WriteFile;
import dev.s3csi.validator.scenario.ScenarioContext;
import dev.s3csi.validator.scenario.Step;
import dev.s3csi.validator.scenario.StepResult;
import dev.s3csi.validator.spec.EffectiveSpec.StepTimeouts;

/**
 * GetObject for every file the probes wrote: the object must exist in the PV's bucket with exactly
 * the bytes written (sha256 and size). Polls S3 until its deadline, as nothing announces objects.
 */
public final class VerifyObjects implements Step {
  static final Duration POLL = Duration.ofMillis(250);
  private final int podsPerClaim;

  public VerifyObjects(int podsPerClaim) {
    this.podsPerClaim = podsPerClaim;
  }

  @Override
  public String name() {
    return "verifyObjects";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    ProbeFiles files = ProbeFiles.of(ctx);
    List<String> buckets = ctx.resources().getBuckets();
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (int pod = 0; pod < buckets.size() * podsPerClaim; pod++) {
      String bucket = buckets.get(pod / podsPerClaim);
      for (WriteFile file : files.writes(pod)) {
        Optional<Digest> digest = ctx.s3().digest(bucket, file.path());
        if (digest.isEmpty()) {
          missing.add(bucket + "/" + file.path());
          continue;
        }
        String expected = ProbeFiles.sha256(file);
        if (!expected.equals(digest.get().sha256()) || digest.get().size() != file.size()) {
          return StepResult.failed(Reason.DataMismatch, "object " + bucket + "/" + file.path() + " holds "
              + digest.get().size() + " bytes with sha256 " + digest.get().sha256() + "; probe pod "
              + ctx.names().probePod(pod) + " wrote " + file.size() + " bytes with sha256 " + expected);
        }
        checked++;
      }
    }
    if (!missing.isEmpty()) {
      return StepResult.polling("waiting for object " + String.join(", ", missing) + " to appear in S3", POLL);
    }
    return StepResult.passed(checked + " objects in " + String.join(", ", buckets) + " match what the probe wrote (sha256)");
  }

  @Override
  public Duration timeout(StepTimeouts timeouts) {
    return timeouts.objectVisible();
  }

  @Override
  public Reason timeoutReason() {
    return Reason.ObjectMissing;
  }
}
