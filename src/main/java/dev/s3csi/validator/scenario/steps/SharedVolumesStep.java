package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * Checks that the dynamically provisioned PVs share the bucket, each under its own prefix. When the
 * driver ignored the shared-bucket parameters (a PV got a bucket of its own, as with the Scality
 * driver), Auto mode notes {@code SharedBucketUnsupported} and switches to Static mode; Dynamic
 * mode fails with that reason.
 */
public final class SharedVolumesStep implements Step {
  private final int volumes;

  public SharedVolumesStep(int volumes) {
    this.volumes = volumes;
  }

  @Override
  public String name() {
    return "sharedVolumes";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    if (ctx.spec().sharedBucket().mode() == SharedBucketMode.Static) {
      return StepResult.passed("not needed: spec.sharedBucket.mode is Static");
    }
    String shared = EnsureBucketStep.sharedBucket(ctx);
    List<String> ignoredBy = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> volumeByPrefix = new HashMap<>();
    for (int i = 0; i < volumes; i++) {
      String claimName = ctx.names().claim(i);
      Optional<PersistentVolumeClaim> claim = ctx.cluster().claim(ctx.namespace(), claimName);
      Optional<PersistentVolume> volume = ClaimVolumes.volume(ctx, claimName);
      if (claim.isEmpty() || volume.isEmpty()) {
        return StepResult.awaiting("waiting for the PV of PVC " + claimName);
      }
      VolumeLocation location = VolumeLocation.of(volume.get());
      List<String> mismatches = VerifyVolumeStep.commonMismatches(ctx, claim.get(), volume.get());
      if (!mismatches.isEmpty()) {
        problems.add(
            "PV " + location.pv() + " of PVC " + claimName + ": " + String.join("; ", mismatches));
      } else if (!shared.equals(location.bucket())) {
        // A bucket of its own, created by the driver: the scenario caused it and cleans it up.
        UniqueNames.add(ctx.resources().getBuckets(), location.bucket());
        ignoredBy.add(
            "PV " + location.pv() + " of PVC " + claimName + " got bucket " + location.bucket());
      } else if (location.prefix().isEmpty()) {
        problems.add(
            "PV "
                + location.pv()
                + " of PVC "
                + claimName
                + " is in bucket "
                + shared
                + " without a prefix (volumeAttributes.prefix or a prefix= mount option)");
      } else {
        UniqueNames.add(ctx.resources().getPrefixes(), location.where());
        String previous = volumeByPrefix.putIfAbsent(location.prefix(), location.pv());
        if (previous != null) {
          return StepResult.failed(
              Reason.PrefixIsolationBroken,
              "PV "
                  + previous
                  + " and PV "
                  + location.pv()
                  + " share prefix "
                  + location.prefix()
                  + " in bucket "
                  + shared
                  + ": each volume must get its own");
        }
      }
    }
    if (!problems.isEmpty()) {
      return StepResult.failed(Reason.PVAttributesInvalid, String.join(". ", problems));
    }
    if (!ignoredBy.isEmpty()) {
      return unsupported(ctx, shared, ignoredBy);
    }
    ctx.status().setMode(SharedBucketMode.Dynamic);
    return StepResult.passed(
        volumes
            + " PVs share bucket "
            + shared
            + " under distinct prefixes "
            + String.join(", ", volumeByPrefix.keySet().stream().sorted().toList()));
  }

  private static StepResult unsupported(
      ScenarioContext ctx, String shared, List<String> ignoredBy) {
    String finding =
        "the driver ignored the shared-bucket parameters (bucketNaming: shared, bucketName: "
            + shared
            + "): "
            + String.join(", ", ignoredBy);
    if (ctx.spec().sharedBucket().mode() == SharedBucketMode.Dynamic) {
      return StepResult.failed(Reason.SharedBucketUnsupported, finding);
    }
    ctx.addNote(Reason.SharedBucketUnsupported, finding + "; validated with static PVs instead");
    ctx.status().setMode(SharedBucketMode.Static);
    return StepResult.passed(finding + "; continuing in Static mode");
  }

  @Override
  public Deadline deadline() {
    return Deadline.bind(Reason.PVAttributesInvalid);
  }
}
