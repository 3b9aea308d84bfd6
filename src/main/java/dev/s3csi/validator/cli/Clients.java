package dev.s3csi.validator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** A client for {@code trigger} and {@code run}: the given kubeconfig, else the usual lookup (in-cluster, KUBECONFIG, ~/.kube/config). */
final class Clients {
  static final String KUBECONFIG = "--kubeconfig";

  private Clients() {}

  static KubernetesClient connect(Optional<String> kubeconfig) {
    if (kubeconfig.isEmpty()) {
      return new KubernetesClientBuilder().build();
    }
    Path file = Path.of(kubeconfig.get());
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(KUBECONFIG + " " + file + ": no such readable file");
    }
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(file.toFile())).build();
  }

  /** What went wrong talking to the cluster, down to the cause (connection refused, 403…), for a user. */
  static String failure(KubernetesClient client, KubernetesClientException e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String why = cause == e ? e.getMessage() : e.getMessage() + " (" + cause + ")";
    return "the cluster at " + client.getConfiguration().getMasterUrl() + " failed: " + why;
  }

  /** {@code --namespace}, else the CR's own, else the kubeconfig context's. */
  static String namespace(Flags flags, ProvisioningValidation run, KubernetesClient client) {
    return flags.get("--namespace")
        .or(() -> Optional.ofNullable(run.getMetadata().getNamespace()))
        .orElseGet(() -> defaultNamespace(client));
  }

  /** The namespace to use when neither the option nor the CR names one: the kubeconfig context's. */
  static String defaultNamespace(KubernetesClient client) {
    String namespace = client.getConfiguration().getNamespace();
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }
}
