package dev.s3csi.validator.scenario;

import dev.s3csi.validator.api.ScenarioName;

/** The scenario definition behind each name a CR can list. */
public final class Scenarios {
  private Scenarios() {}

  public static Scenario of(ScenarioName name) {
    return switch (name) {
      case DEDICATED_BUCKET -> new DedicatedBucketScenario();
    };
  }
}
