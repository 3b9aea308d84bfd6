package dev.s3csi.validator.realworld;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import dev.s3csi.validator.harness.DemoHarness;

/**
 * What a real-world test does on a machine that cannot build the real world (no Go): it is skipped,
 * saying why, except in CI ({@code CI=true}), where it fails, since a CI that skips the real world
 * proves nothing about it.
 */
final class RealWorldAssumptions {
  private RealWorldAssumptions() {}

  static void unavailable(String why) {
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail("the real world is required in CI: " + why);
    }
    Assumptions.abort("skipped: " + why);
  }

  /** Skips (or fails in CI) a demo run that could not build the real world. */
  static void assumeBuilt(DemoHarness.Result result) {
    if (result.stderr().contains(RealWorldBinaries.NEEDS_GO)) {
      unavailable(result.stderr().strip());
    }
  }
}
