package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.StepResult;

/**
 * When a step that awaits objects' deletion through the informer's cache asks the API server
 * instead: {@link #EVERY} after the step started, then as often. The cache can miss a deletion (a
 * watch event lost, as the sandbox's API server loses some under the load of 100 concurrent runs);
 * without this the step would wait for its deletion deadline (minutes) although the objects were
 * gone, and the run with it.
 */
final class CacheCheck {
  static final Duration EVERY = Duration.ofSeconds(15);

  private CacheCheck() {}

  /**
   * What is still there: {@code cached} as the cache shows it, narrowed by {@code stillExists} (the
   * API server's answer) once the step has waited {@link #EVERY}.
   */
  static List<String> remaining(
      ScenarioContext ctx, String step, List<String> cached, Predicate<String> stillExists) {
    if (cached.isEmpty() || ctx.now().isBefore(ctx.stepStart(step).plus(EVERY))) {
      return cached;
    }
    return cached.stream().filter(stillExists).toList();
  }

  /** Waits for an event and, at the latest, for the next time the API server is to be asked. */
  static StepResult.Waiting waiting(ScenarioContext ctx, String step, String awaiting) {
    Instant firstCheck = ctx.stepStart(step).plus(EVERY);
    Duration next =
        ctx.now().isBefore(firstCheck) ? Duration.between(ctx.now(), firstCheck) : EVERY;
    return StepResult.polling(awaiting, next);
  }
}
