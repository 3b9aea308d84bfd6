package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.stream.IntStream;

import dev.s3csi.validator.engine.ScenarioContext;

/** Which of a scenario's PVCs a step works on, decided when it runs (a mode may change it). */
@FunctionalInterface
public interface ClaimSelection {

  List<String> claims(ScenarioContext ctx);

  /** PVCs {@code 0 .. count-1} by their deterministic names. */
  static ClaimSelection first(int count) {
    return ctx -> IntStream.range(0, count).mapToObj(i -> ctx.names().claim(i)).toList();
  }
}
