package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret by name; the validator never copies its content anywhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretReference {

  /** A Secret's name: a DNS subdomain. */
  public static final String NAME_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A namespace: a DNS label. */
  public static final String NAMESPACE_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  @Required
  @Pattern(NAME_PATTERN)
  @Size(min = 1, max = 253)
  private String name;

  @Pattern(NAMESPACE_PATTERN)
  @Size(max = 63)
  private String namespace;

  public SecretReference() {}

  public SecretReference(String name, String namespace) {
    this.name = name;
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
