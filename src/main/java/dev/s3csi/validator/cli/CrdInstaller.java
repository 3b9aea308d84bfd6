package dev.s3csi.validator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The ProvisioningValidation CRD that ships in the jar, for clusters that lack it. */
final class CrdInstaller {
  static final String NAME = "provisioningvalidations.validation.s3csi.dev";
  static final String RESOURCE = "META-INF/fabric8/" + NAME + "-v1.yml";

  private CrdInstaller() {}

  /**
   * Installs it; the caller has found it missing (which needs no permission on CRDs, unlike this).
   */
  static void install(KubernetesClient client) {
    client.apiextensions().v1().customResourceDefinitions().resource(load()).create();
  }

  private static CustomResourceDefinition load() {
    try (InputStream in = CrdInstaller.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
