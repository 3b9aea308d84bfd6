package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;

/**
 * After a probe pod tried to write through a read-only mount, S3 holds nothing new: under each
 * volume's bucket and prefix, only the object put through S3. A new object there is a write the
 * mount let through, whatever the pod reported.
 */
public final class NothingWrittenStep implements Step {
  private final ClaimSelection claims;

  public NothingWrittenStep(ClaimSelection claims) {
    this.claims = claims;
  }

  @Override
  public String name() {
    return "nothingWritten";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    Optional<List<VolumeLocation>> locations = ClaimVolumes.locations(ctx, claims.claims(ctx));
    if (locations.isEmpty()) {
      return StepResult.awaiting("waiting for the PVs of " + String.join(", ", claims.claims(ctx)));
    }
    List<String> checked = new ArrayList<>();
    for (VolumeLocation location : locations.get()) {
      String expected = location.key(ProbeFiles.S3_PUT_KEY);
      List<String> written =
          ctx.s3().keys(location.bucket(), location.prefix()).stream()
              .filter(key -> !key.equals(expected))
              .toList();
      if (!written.isEmpty()) {
        return StepResult.failed(
            Reason.ReadOnlyNotEnforced,
            "bucket "
                + location.bucket()
                + " of PV "
                + location.pv()
                + " holds "
                + String.join(", ", written)
                + ", written through a read-only mount");
      }
      checked.add(location.where());
    }
    return StepResult.passed(
        String.join(", ", checked)
            + " holds only "
            + ProbeFiles.S3_PUT_KEY
            + ": nothing came through the read-only mount");
  }

  @Override
  public Deadline deadline() {
    return Deadline.objectVisible(Reason.S3Unavailable);
  }
}
