package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

/**
 * Puts an object into each volume through S3 (under its prefix), for the probe to read back through
 * the mount.
 */
public final class S3WriteStep implements Step {
  private final ClaimSelection claims;

  public S3WriteStep(ClaimSelection claims) {
    this.claims = claims;
  }

  @Override
  public String name() {
    return "s3Write";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    Optional<List<VolumeLocation>> locations = ClaimVolumes.locations(ctx, claims.claims(ctx));
    if (locations.isEmpty()) {
      return StepResult.awaiting("waiting for the PVs of " + String.join(", ", claims.claims(ctx)));
    }
    ProbeFiles files = ProbeFiles.of(ctx);
    for (int i = 0; i < locations.get().size(); i++) {
      VolumeLocation location = locations.get().get(i);
      ctx.s3().put(location.bucket(), location.key(ProbeFiles.S3_PUT_KEY), files.s3PutContent(i));
    }
    return StepResult.passed(
        "PutObject "
            + ProbeFiles.S3_PUT_KEY
            + " ("
            + ProbeFiles.S3_PUT_SIZE
            + " bytes) into "
            + String.join(", ", locations.get().stream().map(VolumeLocation::where).toList()));
  }

  @Override
  public Deadline deadline() {
    return Deadline.objectVisible(Reason.S3Unavailable);
  }
}
