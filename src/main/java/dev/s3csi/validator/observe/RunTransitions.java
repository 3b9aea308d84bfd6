package dev.s3csi.validator.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioNote;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.status.Conditions;

import io.fabric8.kubernetes.api.model.Condition;

/**
 * The transitions between two statuses of one run, in the order they happened within a scenario.
 * Derived from persisted status only, so an operator restart neither repeats nor loses them.
 */
public final class RunTransitions {
  private RunTransitions() {}

  /**
   * @param catalog the scenario behind each name, as the run sized it: tells cleanup steps apart
   */
  public static List<Transition> between(
      ValidationStatus previous, ValidationStatus next, Function<ScenarioName, Scenario> catalog) {
    ValidationStatus before = previous == null ? new ValidationStatus() : previous;
    Map<ScenarioName, ScenarioStatus> earlier =
        before.getScenarios().stream()
            .collect(Collectors.toMap(ScenarioStatus::getName, Function.identity(), (a, b) -> a));
    List<Transition> transitions = new ArrayList<>();
    for (ScenarioStatus scenario : next.getScenarios()) {
      scenarioTransitions(earlier.get(scenario.getName()), scenario, catalog, transitions);
    }
    boolean finished = next.getPhase() != null && next.getPhase().isTerminal();
    if (finished && next.getPhase() != before.getPhase()) {
      transitions.add(
          new Transition.RunFinished(next.getPhase(), next.getSummary(), succeededMessage(next)));
    }
    return transitions;
  }

  private static void scenarioTransitions(
      ScenarioStatus before,
      ScenarioStatus after,
      Function<ScenarioName, Scenario> catalog,
      List<Transition> out) {
    ScenarioName name = after.getName();
    Outcome was = before == null ? Outcome.Pending : before.getOutcome();
    Outcome is = after.getOutcome();
    if (was == Outcome.Pending && is != Outcome.Pending) {
      out.add(new Transition.ScenarioStarted(name));
    }
    Set<String> cleanupSteps =
        catalog.apply(name).cleanupSteps().stream().map(Step::name).collect(Collectors.toSet());
    for (int i = 0; i < after.getSteps().size(); i++) {
      StepStatus step = after.getSteps().get(i);
      Outcome stepWas =
          before == null || i >= before.getSteps().size()
              ? Outcome.Pending
              : before.getSteps().get(i).getOutcome();
      boolean concluded =
          step.getOutcome() == Outcome.Passed || step.getOutcome() == Outcome.Failed;
      if (concluded && stepWas != step.getOutcome()) {
        out.add(
            new Transition.StepFinished(
                name,
                step.getName(),
                cleanupSteps.contains(step.getName()),
                step.getOutcome(),
                Objects.requireNonNullElse(step.getDurationMillis(), 0L),
                step.getMessage()));
      }
    }
    for (ScenarioNote note : after.getNotes()) {
      boolean known =
          before != null
              && before.getNotes().stream()
                  .anyMatch(
                      n ->
                          n.getReason() == note.getReason()
                              && Objects.equals(n.getMessage(), note.getMessage()));
      if (!known) {
        out.add(new Transition.NoteAdded(name, note.getReason(), note.getMessage()));
      }
    }
    boolean concluded = is == Outcome.Passed || is == Outcome.Failed;
    if (concluded && was != is) {
      out.add(new Transition.ScenarioFinished(name, is, after.getReason(), after.getMessage()));
    }
  }

  private static String succeededMessage(ValidationStatus status) {
    return status.getConditions().stream()
        .filter(c -> Conditions.SUCCEEDED.equals(c.getType()))
        .map(Condition::getMessage)
        .findFirst()
        .orElse(status.getSummary());
  }
}
