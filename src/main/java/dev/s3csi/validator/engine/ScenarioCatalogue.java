package dev.s3csi.validator.engine;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.spec.EffectiveSpec;

/** The scenario definition behind each name a run can list, sized by the run's spec. */
@FunctionalInterface
public interface ScenarioCatalogue {

  Scenario scenario(ScenarioName name, EffectiveSpec spec);
}
