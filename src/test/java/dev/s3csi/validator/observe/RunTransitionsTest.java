package dev.s3csi.validator.observe;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioNote;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.scenario.Scenarios;
import dev.s3csi.validator.spec.SpecDefaults;
import dev.s3csi.validator.status.Conditions;

import io.fabric8.kubernetes.api.model.ConditionBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class RunTransitionsTest {
  private static final ScenarioName DEDICATED = ScenarioName.DEDICATED_BUCKET;

  /** The scenario catalog as a run with default sizes sees it. */
  static List<Transition> between(ValidationStatus previous, ValidationStatus next) {
    return RunTransitions.between(
        previous,
        next,
        name -> Scenarios.of(name, new SpecDefaults("probe").apply(null, "checks")));
  }

  static ValidationStatus status(Phase phase, Outcome scenario, Outcome... steps) {
    ValidationStatus status = new ValidationStatus();
    status.setPhase(phase);
    String[] names = {"storageClass", "bind", "deleteClaim"};
    List<StepStatus> records = new java.util.ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      StepStatus step = new StepStatus(names[i]);
      step.setOutcome(i < steps.length ? steps[i] : Outcome.Pending);
      step.setDurationMillis(step.getOutcome().isFinished() ? 100L * (i + 1) : null);
      step.setMessage(names[i] + " " + step.getOutcome());
      records.add(step);
    }
    ScenarioStatus s = new ScenarioStatus(DEDICATED, records);
    s.setOutcome(scenario);
    if (scenario == Outcome.Failed) {
      s.setReason(Reason.ProvisioningTimeout);
      s.setMessage("bind: PVC never bound");
    }
    status.getScenarios().add(s);
    return status;
  }

  @Test
  void firstProgressStartsTheScenarioAndReportsEachConcludedStepOnce() {
    ValidationStatus next = status(Phase.Running, Outcome.Running, Outcome.Passed, Outcome.Running);

    List<Transition> transitions = between(null, next);

    assertThat(transitions)
        .containsExactly(
            new Transition.ScenarioStarted(DEDICATED),
            new Transition.StepFinished(
                DEDICATED, "storageClass", false, Outcome.Passed, 100, "storageClass Passed"));
    assertThat(between(next, next)).as("same status, nothing new").isEmpty();
  }

  @Test
  void aFailureReportsTheStepTheScenarioAndCleanupStepsByName() {
    ValidationStatus before =
        status(Phase.Running, Outcome.Running, Outcome.Passed, Outcome.Running);
    ValidationStatus after =
        status(Phase.Running, Outcome.Failed, Outcome.Passed, Outcome.Failed, Outcome.Failed);

    assertThat(between(before, after))
        .containsExactly(
            new Transition.StepFinished(
                DEDICATED, "bind", false, Outcome.Failed, 200, "bind Failed"),
            new Transition.StepFinished(
                DEDICATED, "deleteClaim", true, Outcome.Failed, 300, "deleteClaim Failed"),
            new Transition.ScenarioFinished(
                DEDICATED, Outcome.Failed, Reason.ProvisioningTimeout, "bind: PVC never bound"));
  }

  @Test
  void theRunFinishesOnceWithTheSucceededConditionsMessage() {
    ValidationStatus before =
        status(Phase.Running, Outcome.Failed, Outcome.Passed, Outcome.Failed, Outcome.Running);
    ValidationStatus after =
        status(Phase.Failed, Outcome.Failed, Outcome.Passed, Outcome.Failed, Outcome.Passed);
    after.setSummary("0/1 passed");
    after
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType(Conditions.SUCCEEDED)
                .withStatus("False")
                .withReason("ProvisioningTimeout")
                .withMessage("dedicatedBucket: bind: PVC never bound")
                .build());

    List<Transition> transitions = between(before, after);

    assertThat(transitions)
        .containsExactly(
            new Transition.StepFinished(
                DEDICATED, "deleteClaim", true, Outcome.Passed, 300, "deleteClaim Passed"),
            new Transition.RunFinished(
                Phase.Failed, "0/1 passed", "dedicatedBucket: bind: PVC never bound"));
    assertThat(between(after, after)).isEmpty();
  }

  @Test
  void eachNewNoteIsReportedOnce() {
    ValidationStatus before = status(Phase.Running, Outcome.Running, Outcome.Passed);
    before
        .getScenarios()
        .get(0)
        .getNotes()
        .add(new ScenarioNote(Reason.ParametersIgnored, "s3Region left no trace"));
    ValidationStatus after = status(Phase.Running, Outcome.Running, Outcome.Passed);
    after.getScenarios().get(0).getNotes().addAll(before.getScenarios().get(0).getNotes());
    after
        .getScenarios()
        .get(0)
        .getNotes()
        .add(new ScenarioNote(Reason.InvalidParameterIgnored, "case x was ignored"));

    assertThat(between(before, after))
        .containsExactly(
            new Transition.NoteAdded(
                DEDICATED, Reason.InvalidParameterIgnored, "case x was ignored"));
    assertThat(between(after, after)).isEmpty();
  }

  @Test
  void skippedStepsAreNotConclusions() {
    ValidationStatus before = status(Phase.Running, Outcome.Failed, Outcome.Failed);
    ValidationStatus after = status(Phase.Running, Outcome.Failed, Outcome.Failed, Outcome.Skipped);

    assertThat(between(before, after)).isEmpty();
  }
}
