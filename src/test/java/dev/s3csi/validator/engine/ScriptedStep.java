package dev.s3csi.validator.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import dev.s3csi.validator.api.Reason;

/**
 * A step that answers from a script, one entry per call, the last one repeating: a {@link
 * StepResult}, a {@link RuntimeException} to throw, or a function of the context (to look at what
 * the step would see). Its deadline is {@code timeouts.bind}.
 */
public final class ScriptedStep implements Step {
  private final String name;
  private final Deque<Object> script = new ArrayDeque<>();
  private int calls;

  public ScriptedStep(String name, Object... script) {
    this.name = name;
    this.script.addAll(List.of(script));
  }

  /** A step that answers every call with what {@code answer} makes of the context. */
  public static ScriptedStep answering(String name, Function<ScenarioContext, StepResult> answer) {
    return new ScriptedStep(name, answer);
  }

  /** How often the step ran. */
  public int calls() {
    return calls;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  @SuppressWarnings("unchecked")
  public StepResult run(ScenarioContext ctx) {
    calls++;
    Object next = script.size() > 1 ? script.poll() : script.peek();
    if (next instanceof RuntimeException e) {
      throw e;
    }
    if (next instanceof Function<?, ?> answer) {
      return ((Function<ScenarioContext, StepResult>) answer).apply(ctx);
    }
    return (StepResult) next;
  }

  @Override
  public Deadline deadline() {
    return Deadline.bind(Reason.ProvisioningTimeout);
  }
}
