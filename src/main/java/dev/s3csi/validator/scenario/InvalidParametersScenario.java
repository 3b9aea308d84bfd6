package dev.s3csi.validator.scenario;

import java.util.List;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.RefusedStep;
import dev.s3csi.validator.scenario.steps.StorageClassStep;
import dev.s3csi.validator.scenario.steps.StorageClassVariant;
import dev.s3csi.validator.spec.EffectiveSpec.InvalidCase;

/**
 * Bad configuration is refused loudly: for each case, a PVC stays Pending with a Warning
 * ProvisioningFailed event. A case that binds is a finding (the Scality driver silently ignores
 * parameters it does not know). The seed's scenario 5, plus what every CSI driver must refuse.
 */
public final class InvalidParametersScenario implements Scenario {
  private final List<InvalidCase> cases;

  public InvalidParametersScenario(List<InvalidCase> cases) {
    this.cases = List.copyOf(cases);
  }

  @Override
  public ScenarioName name() {
    return ScenarioName.INVALID_PARAMETERS;
  }

  @Override
  public List<Step> steps() {
    return List.of(
        StorageClassStep.variants(
            cases.stream().map(c -> StorageClassVariant.of(c.parameters())).toList()),
        new RefusedStep(cases));
  }

  @Override
  public List<Step> cleanupSteps() {
    return CleanupSteps.standard();
  }
}
