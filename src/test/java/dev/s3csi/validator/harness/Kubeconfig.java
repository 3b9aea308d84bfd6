package dev.s3csi.validator.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A kubeconfig file for the sandbox's API server, as a user's tools would be given one. */
public final class Kubeconfig {
  private Kubeconfig() {}

  /** Writes it with the given default namespace; the mock server's certificate is self-signed. */
  public static Path write(KubernetesClient client, Path file, String namespace) {
    String server = client.getConfiguration().getMasterUrl().replaceAll("/$", "");
    String text =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: sandbox",
            "  cluster:",
            "    server: " + server,
            "    insecure-skip-tls-verify: true",
            "users:",
            "- name: sandbox",
            "  user:",
            "    token: sandbox",
            "contexts:",
            "- name: sandbox",
            "  context: {cluster: sandbox, user: sandbox, namespace: " + namespace + "}",
            "current-context: sandbox",
            "");
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
