package dev.s3csi.validator.engine;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;

/** A scenario made of the given steps, under the name of dedicatedBucket. */
public record ScriptedScenario(List<Step> steps, List<Step> cleanupSteps) implements Scenario {
  @Override
  public ScenarioName name() {
    return ScenarioName.DEDICATED_BUCKET;
  }
}
