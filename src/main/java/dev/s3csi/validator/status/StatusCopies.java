package dev.s3csi.validator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.ValidationStatus;

/**
 * Deep copies and structural comparison of status, through its JSON form: exactly what is stored.
 */
public final class StatusCopies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusCopies() {}

  public static ValidationStatus copy(ValidationStatus status) {
    return status == null
        ? new ValidationStatus()
        : JSON.convertValue(status, ValidationStatus.class);
  }

  public static boolean same(ValidationStatus a, ValidationStatus b) {
    return tree(a).equals(tree(b));
  }

  private static JsonNode tree(ValidationStatus status) {
    return JSON.valueToTree(status == null ? new ValidationStatus() : status);
  }
}
