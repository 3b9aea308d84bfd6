package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.ClaimFactory;
import dev.s3csi.validator.kube.StaticVolumeFactory;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * Static mode of the sharedBucket scenario: the validator creates one PV per volume in the shared
 * bucket, each with its own {@code prefix=} mount option, and a PVC bound to each, then awaits them
 * Bound. Passed over in Dynamic mode.
 */
public final class StaticVolumesStep implements Step {
  private final int volumes;

  public StaticVolumesStep(int volumes) {
    this.volumes = volumes;
  }

  @Override
  public String name() {
    return "staticVolumes";
  }

  static String prefix(ScenarioContext ctx, int index) {
    return ctx.names().staticVolume(index) + "/";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    if (!SharedBucketClaims.isStatic(ctx)) {
      return StepResult.passed("not needed: the driver shares the bucket (Dynamic mode)");
    }
    String bucket = EnsureBucketStep.sharedBucket(ctx);
    List<String> pending = new ArrayList<>();
    for (int i = 0; i < volumes; i++) {
      String name = ctx.names().staticVolume(i);
      UniqueNames.add(ctx.resources().getPvs(), name);
      UniqueNames.add(ctx.resources().getPvcs(), name);
      UniqueNames.add(ctx.resources().getPrefixes(), bucket + "/" + prefix(ctx, i));
      if (ctx.cluster().volume(name).isEmpty()) {
        ctx.writer()
            .create(
                StaticVolumeFactory.build(
                    name,
                    ctx.labels(),
                    ctx.annotations(),
                    ctx.spec(),
                    bucket,
                    prefix(ctx, i),
                    ctx.namespace(),
                    name));
      }
      Optional<PersistentVolumeClaim> claim = ctx.cluster().claim(ctx.namespace(), name);
      if (claim.isEmpty()) {
        ctx.writer().create(ClaimFactory.staticClaim(ctx.run(), name, ctx.labels(), name));
        pending.add(name);
      } else if (!BindStep.isBound(claim.get())) {
        pending.add(name);
      }
    }
    if (!pending.isEmpty()) {
      return StepResult.awaiting(
          "waiting for static PVC " + String.join(", ", pending) + " to be Bound");
    }
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < volumes; i++) {
      prefixes.add(prefix(ctx, i));
    }
    return StepResult.passed(
        volumes
            + " static PVs in bucket "
            + bucket
            + " under prefixes "
            + String.join(", ", prefixes)
            + ", their PVCs Bound");
  }

  @Override
  public Deadline deadline() {
    return Deadline.bind(Reason.ProvisioningTimeout);
  }
}
