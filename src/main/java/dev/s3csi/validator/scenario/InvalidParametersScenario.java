package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.RefusedStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.StorageClassVariant;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidParameterSettings;

/**
 * Bad configuration is refused loudly: for each case, a PVC stays Pending with a final Warning
 * ProvisioningFailed event for the expected cause. A case that binds is a finding: ignored (a note
 * by default; the Scality driver documents that it ignores parameters it does not know) or
 * accepted. The seed's scenario 5, plus what every CSI driver must refuse.
 */
public final class InvalidParametersScenario implements Scenario {
  private final InvalidParameterSettings settings;

  public InvalidParametersScenario(InvalidParameterSettings settings) {
    this.settings = settings;
  }

  @Override
  public ScenarioName name() {
    return ScenarioName.INVALID_PARAMETERS;
  }

  @Override
  public List<Step> steps() {
    return List.of(
        StorageClassStep.variants(
            settings.cases().stream().map(c -> StorageClassVariant.of(c.parameters())).toList()),
        new RefusedStep(settings));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
