package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.stream.IntStream;

import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.engine.ScenarioContext;

/**
 * The sharedBucket scenario's PVCs: dynamically provisioned ones, or, once the scenario runs in
 * Static mode, the ones bound to the PVs the validator created.
 */
public final class SharedBucketClaims implements ClaimSelection {
  private final int volumes;

  public SharedBucketClaims(int volumes) {
    this.volumes = volumes;
  }

  public static boolean isStatic(ScenarioContext ctx) {
    return ctx.status().getMode() == SharedBucketMode.Static;
  }

  @Override
  public List<String> claims(ScenarioContext ctx) {
    return IntStream.range(0, volumes)
        .mapToObj(i -> isStatic(ctx) ? ctx.names().staticVolume(i) : ctx.names().claim(i))
        .toList();
  }
}
