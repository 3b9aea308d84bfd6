package dev.s3csi.validator.harness;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.sandbox.DriverProfile;
import dev.s3csi.validator.sandbox.Fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's command line as users type it through -Ddemo.args, which Maven splits at spaces. */
class DemoOptionsTest {

  @Test
  void repeatedFaultsAllApply() {
    assertThat(DemoOptions.parse(List.of("--fault", "write-lost", "--fault", "slow")).faults())
        .containsExactlyInAnyOrder(Fault.WRITE_LOST, Fault.SLOW);
    assertThat(DemoOptions.parse(List.of("--fault", "write-lost", "slow")).faults())
        .containsExactlyInAnyOrder(Fault.WRITE_LOST, Fault.SLOW);
  }

  @Test
  void scenariosMayBeSeparatedBySpaces() {
    assertThat(
            DemoOptions.parse(List.of("--scenarios", "dedicatedBucket", "sharedBucket"))
                .scenarios())
        .containsExactly(ScenarioName.DEDICATED_BUCKET, ScenarioName.SHARED_BUCKET);
  }

  @Test
  void chaosAddsUpAndKeepsTheOutageLength() {
    Chaos.Plan plan =
        DemoOptions.parse(List.of("--chaos", "api-errors", "--chaos", "s3-outage=20s")).chaos();
    assertThat(plan.modes()).containsExactlyInAnyOrder(Chaos.API_ERRORS, Chaos.S3_OUTAGE);
    assertThat(plan.s3Outage()).hasSeconds(20);
  }

  @Test
  void defaultsAreTheReferenceDriverAndTheSummaryTable() {
    DemoOptions options = DemoOptions.parse(List.of());
    assertThat(options.profile()).isEqualTo(DriverProfile.REFERENCE);
    assertThat(options.output()).isEqualTo(DemoOptions.Output.TABLE);
    assertThat(options.faults()).isEmpty();
    assertThat(options.help()).isFalse();
  }

  @Test
  void singleOptionsAreRefusedTwice() {
    assertThatThrownBy(
            () -> DemoOptions.parse(List.of("--profile", "scality", "--profile", "reference")))
        .hasMessageContaining("--profile given twice");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--output", "wide", "json")))
        .hasMessageContaining("unexpected 'json'");
  }

  @Test
  void theUsageFitsATerminalAndNamesNoInternalWord() {
    assertThat(DemoOptions.USAGE.lines())
        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(110));
    assertThat(DemoOptions.USAGE)
        .doesNotContainIgnoringCase("seed")
        .contains("write-lost")
        .contains("--output table|wide|json|yaml");
  }
}
