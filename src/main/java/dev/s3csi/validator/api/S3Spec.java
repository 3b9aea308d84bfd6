package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The S3 endpoint the validator checks buckets and objects on: the one the driver provisions on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3Spec {

  @JsonPropertyDescription("S3 endpoint URL, e.g. https://s3.example:8000.")
  @Required
  @Pattern("^https?://[^\\s/]+(/.*)?$")
  @Size(max = 2048)
  private String endpoint;

  @JsonPropertyDescription("Signing region. Default: us-east-1.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String region;

  @JsonPropertyDescription("Path-style addressing. Default: true (what the Scality driver uses).")
  private Boolean pathStyle;

  @JsonPropertyDescription(
      "Secret with keys access_key_id and secret_access_key. Namespace defaults to the run's.")
  @Required
  private SecretReference credentialsSecretRef;

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public Boolean getPathStyle() {
    return pathStyle;
  }

  public void setPathStyle(Boolean pathStyle) {
    this.pathStyle = pathStyle;
  }

  public SecretReference getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(SecretReference credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }
}
