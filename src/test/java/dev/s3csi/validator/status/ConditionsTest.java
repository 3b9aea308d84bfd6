package dev.s3csi.validator.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.Condition;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionsTest {
  static final Instant EARLIER = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant LATER = Instant.parse("2026-01-01T10:05:00.750Z");

  static Conditions at(Instant instant) {
    return new Conditions(Clock.fixed(instant, ZoneOffset.UTC));
  }

  @ParameterizedTest(name = "{0} -> {1}: transition time {2}")
  @CsvSource({
    "True,    True,    2026-01-01T10:00:00Z",
    "True,    False,   2026-01-01T10:05:00Z",
    "Unknown, False,   2026-01-01T10:05:00Z",
    "False,   False,   2026-01-01T10:00:00Z",
  })
  void transitionTimeMovesOnlyWhenStatusChanges(
      String before, String after, String expectedTransition) {
    Condition old = at(EARLIER).build("Succeeded", before, "InProgress", "old message", 1L);
    Condition desired = at(LATER).build("Succeeded", after, "ObjectMissing", "new message", 2L);

    List<Condition> merged = Conditions.merge(List.of(old), desired);

    assertThat(merged)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getLastTransitionTime()).isEqualTo(expectedTransition);
              assertThat(c.getStatus()).isEqualTo(after);
              assertThat(c.getReason()).isEqualTo("ObjectMissing");
              assertThat(c.getMessage()).isEqualTo("new message");
              assertThat(c.getObservedGeneration()).isEqualTo(2L);
            });
  }

  @ParameterizedTest
  @CsvSource({"Running", "Succeeded"})
  void otherTypesAreKeptAndNewTypesAppended(String type) {
    Condition running = at(EARLIER).build("Running", "True", "InProgress", "", 1L);
    Condition desired = at(LATER).build(type, "False", "Completed", "done", 1L);

    List<Condition> merged = Conditions.merge(List.of(running), desired);

    assertThat(merged)
        .extracting(Condition::getType)
        .containsExactlyElementsOf(
            type.equals("Running") ? List.of("Running") : List.of("Running", "Succeeded"));
    assertThat(merged).allSatisfy(c -> assertThat(c.getLastTransitionTime()).endsWith("Z"));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-01-01T10:05:00.750Z, 2026-01-01T10:05:00Z",
    "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z"
  })
  void timestampsAreRfc3339Seconds(String instant, String expected) {
    assertThat(Conditions.timestamp(Instant.parse(instant))).isEqualTo(expected);
  }
}
