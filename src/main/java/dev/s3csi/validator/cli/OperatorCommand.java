package dev.s3csi.validator.cli;

import java.time.Clock;
import java.util.List;

import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The operator, against the cluster of the in-cluster service account or the current kubeconfig. */
final class OperatorCommand {
  private OperatorCommand() {}

  static int run(List<String> args) {
    if (!args.isEmpty()) {
      System.err.println("usage: provisioning-validator operator (configured through the environment)");
      return Main.USAGE;
    }
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    ValidatorOperator operator = new ValidatorOperator(client, settings, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      client.close();
    }, "shutdown"));
    operator.start();
    return 0;
  }
}
