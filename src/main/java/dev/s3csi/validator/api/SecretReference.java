package dev.s3csi.validator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Required;

/** A Secret by name; the validator never copies its content anywhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretReference {

  @Required private String name;

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
