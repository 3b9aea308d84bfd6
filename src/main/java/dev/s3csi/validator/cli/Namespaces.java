package dev.s3csi.validator.cli;

import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Which namespace a command's run goes to. */
final class Namespaces {
  private Namespaces() {}

  /** {@code --namespace}, else the CR's own, else the kubeconfig context's. */
  static String forRun(Flags flags, ProvisioningValidation run, KubernetesClient client) {
    return flags
        .get("--namespace")
        .or(() -> Optional.ofNullable(run.getMetadata().getNamespace()))
        .orElseGet(() -> ofContext(client));
  }

  /**
   * The namespace to use when neither the option nor the CR names one: the kubeconfig context's.
   */
  static String ofContext(KubernetesClient client) {
    String namespace = client.getConfiguration().getNamespace();
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }
}
