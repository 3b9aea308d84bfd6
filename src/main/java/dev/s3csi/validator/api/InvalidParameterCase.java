package dev.s3csi.validator.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * One configuration a driver must refuse: its PVC must stay Pending with a non-retryable
 * ProvisioningFailed event, whose error names the expected cause.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InvalidParameterCase {

  @JsonPropertyDescription("Name shown in messages, e.g. invalidBucketNaming.")
  @Required
  @Pattern("^[A-Za-z][A-Za-z0-9-]{0,62}$")
  // The pattern's length again, for the API server's CEL cost estimate of the cases' rule.
  @Size(max = 63)
  private String name;

  @JsonPropertyDescription(
      "StorageClass parameters of the case, on top of spec.storageClass.parameters.")
  @Size(max = 32)
  private Map<String, @Size(max = 512) String> parameters;

  @JsonPropertyDescription("Access mode of the case's PVC. Default: ReadWriteMany.")
  @Pattern("^(ReadWriteMany|ReadWriteOnce|ReadOnlyMany|ReadWriteOncePod)$")
  private String accessMode;

  @JsonPropertyDescription(
      "Text the refusal's error must contain for the case to count as refused, e.g. 'access mode';"
          + " a refusal for another cause fails the scenario with ProvisioningFailed. Default: any"
          + " non-retryable refusal.")
  @Size(min = 1, max = 256)
  private String expectedCause;

  public InvalidParameterCase() {}

  public InvalidParameterCase(
      String name, Map<String, String> parameters, String accessMode, String expectedCause) {
    this.name = name;
    this.parameters = parameters;
    this.accessMode = accessMode;
    this.expectedCause = expectedCause;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Map<String, String> getParameters() {
    return parameters;
  }

  public void setParameters(Map<String, String> parameters) {
    this.parameters = parameters;
  }

  public String getAccessMode() {
    return accessMode;
  }

  public void setAccessMode(String accessMode) {
    this.accessMode = accessMode;
  }

  public String getExpectedCause() {
    return expectedCause;
  }

  public void setExpectedCause(String expectedCause) {
    this.expectedCause = expectedCause;
  }
}
