package dev.s3csi.validator.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nothing on a command line is dropped: lists add up, single options are refused twice, stray words
 * are errors.
 */
class FlagsTest {
  private static final Set<String> SINGLE = Set.of("--profile", "--file");
  private static final Set<String> LISTS = Set.of("--fault", "--scenarios");

  private static Flags parse(String... args) {
    return Flags.parse(List.of(args), SINGLE, LISTS, Map.of("-f", "--file"));
  }

  @Test
  void listsTakeCommasSpacesAndRepetitionAlike() {
    assertThat(parse("--fault", "write-lost", "--fault", "slow").list("--fault"))
        .containsExactly("write-lost", "slow");
    assertThat(parse("--fault", "write-lost,slow").list("--fault"))
        .containsExactly("write-lost", "slow");
    assertThat(parse("--scenarios", "a", "b", "--profile", "x").list("--scenarios"))
        .containsExactly("a", "b");
    assertThat(parse("--scenarios=a,b", "--scenarios", "c").list("--scenarios"))
        .containsExactly("a", "b", "c");
    assertThat(parse("--profile", "x").list("--fault")).isEmpty();
  }

  @Test
  void singleOptionsTakeOneValueOnce() {
    assertThat(parse("-f", "cr.yaml", "--profile=scality").get("--file")).contains("cr.yaml");
    assertThat(parse("--profile=scality").get("--profile")).contains("scality");
    assertThatThrownBy(() -> parse("--profile", "a", "--profile", "b"))
        .hasMessage("--profile given twice: it takes one value");
    assertThatThrownBy(() -> parse("--profile", "scality", "extra"))
        .hasMessage("unexpected 'extra' after --profile scality: it takes one value");
  }

  @Test
  void unknownOptionsMissingValuesAndStrayWordsAreErrors() {
    assertThatThrownBy(() -> parse("--gremlins", "x")).hasMessage("unknown option --gremlins");
    assertThatThrownBy(() -> parse("--profile")).hasMessage("missing value after --profile");
    assertThatThrownBy(() -> parse("--fault", "--profile", "x"))
        .hasMessage("missing value after --fault");
    assertThatThrownBy(() -> parse("--fault=")).hasMessage("missing value after --fault");
    assertThatThrownBy(() -> parse("write-lost"))
        .hasMessage("unexpected 'write-lost': options come as --name value");
  }

  @Test
  void helpAnywhereWinsOverEverythingElse() {
    assertThat(parse("--help").help()).isTrue();
    assertThat(parse("--profile", "-h").help()).isTrue();
    assertThat(parse("--gremlins", "--help").help()).isTrue();
    assertThat(parse("--profile", "x").help()).isFalse();
  }
}
