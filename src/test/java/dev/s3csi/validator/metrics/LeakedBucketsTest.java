package dev.s3csi.validator.metrics;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.ValidationStatus;

import static org.assertj.core.api.Assertions.assertThat;

class LeakedBucketsTest {

  @Test
  void countsTheLeakedBucketsListOfTheStoredStatus() throws Exception {
    ObjectMapper json = new ObjectMapper();

    assertThat(LeakedBuckets.count(json.readTree("{\"phase\":\"Failed\",\"leakedBuckets\":[\"csi-s3-a\",\"csi-s3-b\"]}"))).isEqualTo(2);
    assertThat(LeakedBuckets.count(json.readTree("{\"phase\":\"Succeeded\",\"leakedBuckets\":[]}"))).isZero();
    assertThat(LeakedBuckets.count(json.readTree("{\"phase\":\"Succeeded\"}"))).isZero();
    assertThat(LeakedBuckets.count(new ValidationStatus())).isZero();
    assertThat(LeakedBuckets.count((ValidationStatus) null)).isZero();
  }
}
