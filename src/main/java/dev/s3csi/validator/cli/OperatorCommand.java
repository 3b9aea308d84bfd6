package dev.s3csi.validator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.s3csi.validator.metrics.OperatorHttpServer;
import dev.s3csi.validator.reconciler.OperatorRuntime;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;

/**
 * The operator, against the cluster of the in-cluster service account or the current kubeconfig,
 * with {@code /metrics}, {@code /healthz} and {@code /readyz} on {@code HTTP_PORT} (default 8080).
 * It says first where it connects, and stops at once with one line when that cluster cannot be used
 * (unreachable, credentials refused, CRD missing, runs not listable), rather than retrying silently
 * for minutes.
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

  static final String USAGE =
      String.join(
          "\n",
          "usage: provisioning-validator operator",
          "Reconciles ProvisioningValidations (the chart's Deployment runs it). No options; the environment:",
          "  KUBECONFIG                  the cluster (default: ~/.kube/config, then the pod's service account)",
          "  WATCH_NAMESPACES            namespaces whose runs it reconciles, comma-separated (default: all)",
          "  PROBE_IMAGE                 image of probe pods when a run names none (default: "
              + OperatorSettings.DEFAULT_PROBE_IMAGE
              + ")",
          "  MAX_CONCURRENT_RUNS         runs in progress at once, later ones wait as Pending/Queued (default "
              + OperatorSettings.DEFAULT_MAX_CONCURRENT_RUNS
              + "; 0: no limit)",
          "  HTTP_PORT                   port of /metrics, /healthz and /readyz (default "
              + DEFAULT_HTTP_PORT
              + ")",
          "  "
              + pad(OperatorRuntime.LEASE_NAME)
              + "with more than one replica: the Lease they elect a leader with",
          "  "
              + pad(OperatorRuntime.POD_NAME)
              + "this replica's name (downward API; events and the Lease name it)",
          "  " + pad(OperatorRuntime.POD_NAMESPACE) + "the Lease's namespace (downward API)",
          "It exits 1 with one line when the cluster cannot be used, 2 when the environment is invalid.");

  private OperatorCommand() {}

  private static String pad(String variable) {
    return String.format("%-28s", variable);
  }

  /**
   * @return 0 once the operator runs (it goes on in its own threads), else the exit code
   */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Flags flags;
    OperatorSettings settings;
    OperatorRuntime runtime;
    int port;
    try {
      flags = Flags.parse(args, java.util.Set.of(), Map.of());
      if (flags.help()) {
        out.println(USAGE);
        return 0;
      }
      settings = OperatorSettings.fromEnvironment(env);
      runtime = OperatorRuntime.fromEnvironment(env);
      port = port(env);
    } catch (IllegalArgumentException e) {
      return Flags.usageError(err, e, USAGE);
    }
    String scope =
        settings.watchNamespaces().isEmpty()
            ? "all namespaces"
            : String.join(", ", settings.watchNamespaces());
    ClusterAccess cluster;
    try {
      cluster = ClusterAccess.locate(Optional.empty(), env);
      err.println(
          "provisioning-validator "
              + OperatorSettings.VERSION
              + " operator: connecting to "
              + cluster.describe()
              + " for runs in "
              + scope);
      cluster.checkReachable();
      if (!cluster.crdServed()) {
        throw new ClusterProblem(
            "The API server at " + cluster.describe() + " does not serve ProvisioningValidations",
            "Install the CRD: kubectl apply -f crds/ (helm install does it too)");
      }
      cluster.checkMayListRuns(settings.watchNamespaces());
    } catch (ClusterProblem e) {
      err.println(e.getMessage());
      return 1;
    }
    KubernetesClient client = cluster.client(USER_AGENT);
    ValidatorOperator operator =
        new ValidatorOperator(client, settings, Clock.systemUTC(), runtime);
    OperatorHttpServer http;
    try {
      http = serve(operator, port);
    } catch (UncheckedIOException e) {
      err.println(
          e.getMessage()
              + ": "
              + e.getCause().getMessage()
              + ". Set "
              + HTTP_PORT
              + " to a free port");
      client.close();
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  http.close();
                  client.close();
                },
                "shutdown"));
    try {
      operator.start();
    } catch (KubernetesClientException | OperatorException e) {
      err.println(
          cluster
              .problem(e, "start watching runs, PVCs, PVs, pods, StorageClasses and events")
              .getMessage());
      return 1;
    }
    err.println(
        "provisioning-validator operator: running; /metrics, /healthz and /readyz on port " + port);
    return 0;
  }

  private static int port(Map<String, String> env) {
    String value = env.getOrDefault(HTTP_PORT, String.valueOf(DEFAULT_HTTP_PORT));
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          HTTP_PORT + " must be a port number, got '" + value + "'", e);
    }
  }

  /**
   * Serves the operator's metrics and probes; started before the operator, so a slow start is
   * visible.
   */
  static OperatorHttpServer serve(ValidatorOperator operator, int port) {
    try {
      return new OperatorHttpServer(
          new InetSocketAddress(port),
          operator.registry(),
          () ->
              operator.runtimeInfo().isStarted()
                  && operator.runtimeInfo().allEventSourcesAreHealthy(),
          () -> "unhealthy event sources: " + operator.runtimeInfo().unhealthyEventSources(),
          () -> operator.runtimeInfo().isStarted());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }
}
