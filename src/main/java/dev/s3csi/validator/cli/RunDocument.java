package dev.s3csi.validator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A ProvisioningValidation as a user writes it in YAML, read with errors that say what is wrong.
 */
final class RunDocument {
  private RunDocument() {}

  static ProvisioningValidation read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param origin where the text came from, for messages
   */
  static ProvisioningValidation parse(String yaml, String origin) {
    GenericKubernetesResource generic;
    try {
      generic = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(origin + " is not valid YAML: " + e.getMessage(), e);
    }
    String expected = ProvisioningValidation.GROUP + "/" + ProvisioningValidation.VERSION;
    if (generic == null
        || !expected.equals(generic.getApiVersion())
        || !"ProvisioningValidation".equals(generic.getKind())) {
      throw new IllegalArgumentException(
          origin + " is not a " + expected + " ProvisioningValidation");
    }
    try {
      return Serialization.unmarshal(yaml, ProvisioningValidation.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
    }
  }
}
