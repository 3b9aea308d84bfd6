package dev.s3csi.validator.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.api.StorageClassTemplate;
import dev.s3csi.validator.api.ValidationSpec;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn verify -Pcluster}: the default validation against the cluster of the current
 * kubeconfig, where the driver is installed, through {@code run -f} as a user runs it. Skipped,
 * saying why, without a reachable cluster. With one, the environment names the S3 side:
 * PVAL_S3_ENDPOINT (required), PVAL_S3_SECRET (default s3-credentials), PVAL_NAMESPACE (default:
 * the kubeconfig's), PVAL_STORAGECLASS_PARAMETERS (k=v,k=v) and PROBE_IMAGE (an image the nodes can
 * pull).
 */
@Tag("cluster")
class ClusterValidationTest {

  @Test
  void theDefaultValidationPassesOnTheCurrentCluster(@TempDir Path dir) throws Exception {
    Map<String, String> env = System.getenv();
    String namespace;
    try (KubernetesClient client = reachableCluster()) {
      namespace =
          Optional.ofNullable(env.get("PVAL_NAMESPACE"))
              .orElse(
                  Optional.ofNullable(client.getConfiguration().getNamespace()).orElse("default"));
    }
    String endpoint = env.get("PVAL_S3_ENDPOINT");
    assertThat(endpoint)
        .as("PVAL_S3_ENDPOINT must name the S3 endpoint the driver uses (see the README)")
        .isNotBlank();

    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setGenerateName("pval-cluster-");
    run.getMetadata().setNamespace(namespace);
    ValidationSpec spec = new ValidationSpec();
    S3Spec s3 = new S3Spec();
    s3.setEndpoint(endpoint);
    s3.setCredentialsSecretRef(
        new SecretReference(env.getOrDefault("PVAL_S3_SECRET", "s3-credentials"), null));
    spec.setS3(s3);
    StorageClassTemplate storageClass = new StorageClassTemplate();
    storageClass.setParameters(parameters(env.getOrDefault("PVAL_STORAGECLASS_PARAMETERS", "")));
    spec.setStorageClass(storageClass);
    run.setSpec(spec);
    Path cr = Files.writeString(dir.resolve("validation.yaml"), Serialization.asYaml(run));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        RunCommand.run(
            List.of("-f", cr.toString()),
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);

    System.out.print(out.toString(StandardCharsets.UTF_8));
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }

  /** The current kubeconfig's cluster, or the test is skipped with the reason on the console. */
  private static KubernetesClient reachableCluster() {
    boolean kubeconfig =
        Config.getKubeconfigFilenames().stream().anyMatch(f -> Files.isReadable(Path.of(f)));
    boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
    String reason = null;
    KubernetesClient client = null;
    if (!kubeconfig && !inCluster) {
      reason = "no kubeconfig (KUBECONFIG or ~/.kube/config) and not inside a cluster";
    } else {
      Config config = Config.autoConfigure(null);
      config.setRequestRetryBackoffLimit(0);
      client = new KubernetesClientBuilder().withConfig(config).build();
      try {
        client.getKubernetesVersion();
      } catch (RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        reason = "the cluster at " + config.getMasterUrl() + " does not answer: " + cause;
        client.close();
      }
    }
    if (reason != null) {
      System.err.println("SKIPPED the real-cluster validation: " + reason);
      Assumptions.abort(reason);
    }
    return client;
  }

  private static Map<String, String> parameters(String text) {
    Map<String, String> parameters = new LinkedHashMap<>();
    Arrays.stream(text.split(","))
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .forEach(
            p -> {
              int eq = p.indexOf('=');
              assertThat(eq)
                  .as("PVAL_STORAGECLASS_PARAMETERS entries are key=value: %s", p)
                  .isPositive();
              parameters.put(p.substring(0, eq), p.substring(eq + 1));
            });
    return parameters;
  }
}
