package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.probe.ProbeContent.Digest;
import dev.s3csi.validator.probe.ProbePlan.WriteFile;
import dev.s3csi.validator.spec.DurationText;

/**
 * GetObject for every file the probes wrote: the object must exist in its volume's bucket, under
 * its volume's prefix, with exactly the bytes written (sha256 and size). Polls S3 until its
 * deadline, as nothing announces objects. An object a probe deleted through the mount must be gone.
 */
public final class VerifyObjectsStep implements Step {
  static final Duration POLL = Duration.ofMillis(250);
  private final ClaimSelection claims;
  private final int podsPerClaim;
  private final Set<Integer> deletingClaims;

  public VerifyObjectsStep(ClaimSelection claims, int podsPerClaim) {
    this(claims, podsPerClaim, Set.of());
  }

  private VerifyObjectsStep(ClaimSelection claims, int podsPerClaim, Set<Integer> deletingClaims) {
    this.claims = claims;
    this.podsPerClaim = podsPerClaim;
    this.deletingClaims = Set.copyOf(deletingClaims);
  }

  /** The probes of PVC {@code claim} deleted the object put through S3: it must be gone from S3. */
  public VerifyObjectsStep deletedThroughMount(int claim) {
    Set<Integer> deleting = new HashSet<>(deletingClaims);
    deleting.add(claim);
    return new VerifyObjectsStep(claims, podsPerClaim, deleting);
  }

  @Override
  public String name() {
    return "verifyObjects";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    Optional<List<VolumeLocation>> found = ClaimVolumes.locations(ctx, claims.claims(ctx));
    if (found.isEmpty()) {
      return StepResult.awaiting("waiting for the PVs of " + String.join(", ", claims.claims(ctx)));
    }
    List<VolumeLocation> locations = found.get();
    ProbeFiles files = ProbeFiles.of(ctx);
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (int pod = 0; pod < locations.size() * podsPerClaim; pod++) {
      VolumeLocation location = locations.get(pod / podsPerClaim);
      for (WriteFile file : files.writes(pod)) {
        Optional<Digest> digest = ctx.s3().digest(location.bucket(), location.key(file.path()));
        if (digest.isEmpty()) {
          Optional<StepResult.Failed> escaped = outsidePrefix(ctx, location, file, pod);
          if (escaped.isPresent()) {
            return escaped.get();
          }
          missing.add(location.bucket() + "/" + location.key(file.path()));
          continue;
        }
        String expected = ProbeFiles.sha256(file);
        if (!expected.equals(digest.get().sha256()) || digest.get().size() != file.size()) {
          ctx.addEvidence(
              "GetObject "
                  + location.bucket()
                  + "/"
                  + location.key(file.path())
                  + ": "
                  + digest.get().size()
                  + " bytes, sha256 "
                  + digest.get().sha256()
                  + "; expected "
                  + file.size()
                  + " bytes, sha256 "
                  + expected);
          return StepResult.failed(
              Reason.DataMismatch,
              "object "
                  + location.bucket()
                  + "/"
                  + location.key(file.path())
                  + " holds "
                  + digest.get().size()
                  + " bytes with sha256 "
                  + digest.get().sha256()
                  + "; probe pod "
                  + ctx.names().probePod(pod)
                  + " wrote "
                  + file.size()
                  + " bytes with sha256 "
                  + expected);
        }
        checked++;
      }
    }
    if (!missing.isEmpty()) {
      return StepResult.polling(
          "waiting for object " + String.join(", ", missing) + " to appear in S3", POLL);
    }
    for (int claim : deletingClaims) {
      VolumeLocation location = locations.get(claim);
      String key = location.key(ProbeFiles.S3_PUT_KEY);
      // mountpoint-s3 deletes the object before unlink returns, and S3 reads are strongly
      // consistent.
      if (ctx.s3().digest(location.bucket(), key).isPresent()) {
        return StepResult.failed(
            Reason.MountOptionsNotApplied,
            "object "
                + location.bucket()
                + "/"
                + key
                + " is still in S3 although a probe deleted it through the mount of PV "
                + location.pv()
                + " (allow-delete)");
      }
    }
    String gone =
        deletingClaims.isEmpty() ? "" : "; the objects deleted through the mount are gone";
    return StepResult.passed(
        checked
            + " objects in "
            + String.join(", ", locations.stream().map(VolumeLocation::where).distinct().toList())
            + " match what the probe wrote (sha256)"
            + gone);
  }

  /**
   * A volume with a prefix whose object landed at the bucket's root: the prefix was not applied.
   */
  private static Optional<StepResult.Failed> outsidePrefix(
      ScenarioContext ctx, VolumeLocation location, WriteFile file, int pod) {
    if (location.prefix().isEmpty() || ctx.s3().digest(location.bucket(), file.path()).isEmpty()) {
      return Optional.empty();
    }
    ctx.addEvidence(
        "GetObject "
            + location.bucket()
            + "/"
            + location.key(file.path())
            + ": NoSuchKey; GetObject "
            + location.bucket()
            + "/"
            + file.path()
            + ": found");
    return Optional.of(
        StepResult.failed(
            Reason.PrefixIsolationBroken,
            "probe pod "
                + ctx.names().probePod(pod)
                + " wrote "
                + file.path()
                + " through PV "
                + location.pv()
                + ", and it landed at "
                + location.bucket()
                + "/"
                + file.path()
                + " instead of under prefix "
                + location.prefix()));
  }

  @Override
  public Deadline deadline() {
    return Deadline.objectVisible(Reason.ObjectMissing);
  }

  /** The keys still missing, as S3 answered them, go into the evidence. */
  @Override
  public StepResult timedOut(ScenarioContext ctx, StepResult.Waiting last, Duration timeout) {
    ctx.addEvidence(
        "GetObject answered NoSuchKey (polled every "
            + POLL.toMillis()
            + "ms for "
            + DurationText.format(timeout)
            + ") while "
            + last.awaiting());
    return Step.super.timedOut(ctx, last, timeout);
  }
}
