package dev.s3csi.validator.engine;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;

/**
 * A scenario as ordered steps. Cleanup steps run after the main steps, whether they passed or
 * failed, unless keepResources says to keep what was created.
 */
public interface Scenario {

  ScenarioName name();

  List<Step> steps();

  List<Step> cleanupSteps();
}
