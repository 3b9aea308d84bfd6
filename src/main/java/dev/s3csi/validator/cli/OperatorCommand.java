package dev.s3csi.validator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.s3csi.validator.metrics.OperatorHttpServer;
import dev.s3csi.validator.reconciler.OperatorRuntime;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The operator, against the cluster of the in-cluster service account or the current kubeconfig,
 * with {@code /metrics}, {@code /healthz} and {@code /readyz} on {@code HTTP_PORT} (default 8080).
 */
public final class OperatorCommand {
  static final String HTTP_PORT = "HTTP_PORT";
  static final int DEFAULT_HTTP_PORT = 8080;
  /**
   * How the operator names itself to the API server, instead of the client library's default: its
   * requests can be told apart in the API server's audit log and request metrics (and by the
   * sandbox, which counts them).
   */
  public static final String USER_AGENT = "provisioning-validator-operator";

  private OperatorCommand() {}

  static int run(List<String> args) {
    if (!args.isEmpty()) {
      System.err.println("usage: provisioning-validator operator (configured through the environment)");
      return Main.USAGE;
    }
    Map<String, String> env = System.getenv();
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
    // The usual lookup (in-cluster service account, KUBECONFIG, ~/.kube/config), under our own name.
    KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withUserAgent(USER_AGENT).build()).build();
    ValidatorOperator operator = new ValidatorOperator(client, settings, Clock.systemUTC(), OperatorRuntime.fromEnvironment(env));
    OperatorHttpServer http = serve(operator, Integer.parseInt(env.getOrDefault(HTTP_PORT, String.valueOf(DEFAULT_HTTP_PORT))));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      http.close();
      client.close();
    }, "shutdown"));
    operator.start();
    return 0;
  }

  /** Serves the operator's metrics and probes; started before the operator, so a slow start is visible. */
  static OperatorHttpServer serve(ValidatorOperator operator, int port) {
    try {
      return new OperatorHttpServer(new InetSocketAddress(port), operator.registry(),
          () -> operator.runtimeInfo().isStarted() && operator.runtimeInfo().allEventSourcesAreHealthy(),
          () -> "unhealthy event sources: " + operator.runtimeInfo().unhealthyEventSources(),
          () -> operator.runtimeInfo().isStarted());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }
}
