package dev.s3csi.validator.scenario.steps;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.probe.ProbeContent;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedDigestsTest {

  @Test
  void aKeptDigestIsTheDigestOfTheContentForItsSeedAndSize() {
    for (int look = 0; look < 2; look++) {
      assertThat(ExpectedDigests.of(7, 4096)).isEqualTo(ProbeContent.sha256Of(7, 4096));
      assertThat(ExpectedDigests.of(7, 4097)).isEqualTo(ProbeContent.sha256Of(7, 4097));
      assertThat(ExpectedDigests.of(8, 4096)).isEqualTo(ProbeContent.sha256Of(8, 4096));
    }
    assertThat(ExpectedDigests.of(7, 4096)).isNotEqualTo(ExpectedDigests.of(8, 4096));
  }
}
