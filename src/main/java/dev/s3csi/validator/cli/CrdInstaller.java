package dev.s3csi.validator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Installs the ProvisioningValidation CRD that ships in the jar, when the cluster lacks it. */
final class CrdInstaller {
  static final String NAME = "provisioningvalidations.validation.s3csi.dev";
  static final String RESOURCE = "META-INF/fabric8/" + NAME + "-v1.yml";

  private CrdInstaller() {}

  /** @return whether it installed the CRD (false: it was there already) */
  static boolean ensure(KubernetesClient client) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    if (crds.withName(NAME).get() != null) {
      return false;
    }
    crds.resource(load()).create();
    return true;
  }

  static CustomResourceDefinition load() {
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
