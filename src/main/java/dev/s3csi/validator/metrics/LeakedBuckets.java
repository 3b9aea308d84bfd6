package dev.s3csi.validator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.ValidationStatus;

/**
 * How many leaked buckets a finished run reported in {@code status.leakedBuckets}: driver-named
 * buckets that match no PV. Read from the status as stored, so the figure is exactly what
 * {@code kubectl get pval -o yaml} shows.
 */
final class LeakedBuckets {
  static final String FIELD = "leakedBuckets";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LeakedBuckets() {}

  static int count(ValidationStatus status) {
    return status == null ? 0 : count(JSON.<JsonNode>valueToTree(status));
  }

  static int count(JsonNode status) {
    JsonNode buckets = status.path(FIELD);
    return buckets.isArray() ? buckets.size() : 0;
  }
}
