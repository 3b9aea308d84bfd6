package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.s3csi.validator.engine.ScenarioContext;

import io.fabric8.kubernetes.api.model.PersistentVolume;

/** The PVs behind a scenario's PVCs, as the informer cache has them. */
final class ClaimVolumes {
  private ClaimVolumes() {}

  static Optional<PersistentVolume> volume(ScenarioContext ctx, String claimName) {
    return ctx.cluster()
        .claim(ctx.namespace(), claimName)
        .map(claim -> claim.getSpec().getVolumeName())
        .flatMap(ctx.cluster()::volume);
  }

  /** The location of every claim's volume, in claim order; empty while one of them has no PV. */
  static Optional<List<VolumeLocation>> locations(ScenarioContext ctx, List<String> claims) {
    List<VolumeLocation> locations = new ArrayList<>();
    for (String claim : claims) {
      Optional<PersistentVolume> volume = volume(ctx, claim);
      if (volume.isEmpty()) {
        return Optional.empty();
      }
      locations.add(VolumeLocation.of(volume.get()));
    }
    return Optional.of(locations);
  }
}
