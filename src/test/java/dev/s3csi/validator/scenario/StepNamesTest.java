package dev.s3csi.validator.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.scenario.steps.DeleteClaimStep;
import dev.s3csi.validator.scenario.steps.DeleteProbeStep;
import dev.s3csi.validator.scenario.steps.SkippedInStaticMode;
import dev.s3csi.validator.scenario.steps.VolumeReleasedStep;
import dev.s3csi.validator.spec.SpecDefaults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step names are what users read in the status, the result table and the metric labels: a step's
 * class is named after its name, so the code behind a status line is found by its name, and no step
 * is named like a scenario.
 */
class StepNamesTest {
  /**
   * deleteReclaim checks deletion itself with steps that run again during its cleanup: its main
   * steps carry names of their own, as a scenario's step names are unique.
   */
  static final Map<String, Class<? extends Step>> MAIN_STEP_NAMES =
      Map.of(
          "unmount",
          DeleteProbeStep.class,
          "deletePvcs",
          DeleteClaimStep.class,
          "pvDeleted",
          VolumeReleasedStep.class);

  static List<Step> steps(ScenarioName name) {
    Scenario scenario =
        Scenarios.of(name, new SpecDefaults("image").apply(new ValidationSpec(), "ns"));
    List<Step> steps = new ArrayList<>(scenario.steps());
    steps.addAll(scenario.cleanupSteps());
    return steps;
  }

  @ParameterizedTest
  @EnumSource(ScenarioName.class)
  void eachStepClassIsNamedAfterTheStep(ScenarioName scenario) {
    assertThat(steps(scenario))
        .isNotEmpty()
        .allSatisfy(
            step -> {
              if (MAIN_STEP_NAMES.containsKey(step.name())) {
                assertThat(step).isInstanceOf(MAIN_STEP_NAMES.get(step.name()));
              } else if (!(step instanceof SkippedInStaticMode)) {
                String name = step.name();
                assertThat(step.getClass().getSimpleName())
                    .as("the class of step %s", name)
                    .isEqualTo(Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Step");
              }
            });
  }

  @ParameterizedTest
  @EnumSource(ScenarioName.class)
  void noTwoStepsOfAScenarioShareANameAndNoneIsNamedLikeAScenario(ScenarioName scenario) {
    List<String> names = steps(scenario).stream().map(Step::name).toList();
    Set<String> scenarioNames =
        Arrays.stream(ScenarioName.values())
            .map(ScenarioName::wireName)
            .collect(Collectors.toSet());

    assertThat(names).doesNotHaveDuplicates().doesNotContainAnyElementsOf(scenarioNames);
  }
}
