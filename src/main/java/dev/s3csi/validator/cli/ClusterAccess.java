package dev.s3csi.validator.cli;

import java.io.File;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import javax.net.ssl.SSLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;

/**
 * The cluster a command talks to: where its address and credentials came from (a kubeconfig, as
 * kubectl finds it, or the pod's service account), and quick checks, each answered within seconds,
 * that turn the usual first-contact failures into one {@link ClusterProblem} line instead of
 * minutes of retries and a stack trace.
 */
final class ClusterAccess {
  static final String KUBECONFIG = "--kubeconfig";

  /**
   * How long a check waits for the API server: fabric8's own default (10 s, retried 10 times) is
   * for running, not for asking.
   */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(4);

  static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
  private static final String PLURAL = "provisioningvalidations";
  private static final String DISCOVERY =
      "/apis/" + ProvisioningValidation.GROUP + "/" + ProvisioningValidation.VERSION;

  private final Config config;
  private final String source;

  private ClusterAccess(Config config, String source) {
    this.config = config;
    this.source = source;
  }

  /**
   * Finds the cluster as kubectl does: {@code --kubeconfig}, else {@code KUBECONFIG}, else {@code
   * ~/.kube/config}, else the service account of the pod this runs in.
   *
   * @param env the environment ({@code KUBECONFIG}, {@code HOME}, {@code KUBERNETES_SERVICE_HOST})
   */
  static ClusterAccess locate(Optional<String> kubeconfig, Map<String, String> env) {
    if (kubeconfig.isPresent()) {
      Path file = Path.of(kubeconfig.get());
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new ClusterProblem(
            KUBECONFIG + " " + file + ": no such readable file",
            "Give the path of your cluster's kubeconfig (kubectl config view --minify --raw writes one)");
      }
      return fromFile(file, "kubeconfig " + file);
    }
    String variable = env.get("KUBECONFIG");
    if (variable != null && !variable.isBlank()) {
      List<Path> readable =
          Arrays.stream(variable.split(File.pathSeparator))
              .filter(s -> !s.isBlank())
              .map(Path::of)
              .filter(Files::isReadable)
              .toList();
      if (readable.isEmpty()) {
        throw new ClusterProblem(
            "KUBECONFIG=" + variable + " names no readable file",
            "Point KUBECONFIG (or " + KUBECONFIG + ") at your cluster's kubeconfig");
      }
      // Several files are merged, as kubectl merges them; fabric8 does that from the same variable.
      return readable.size() == 1
          ? fromFile(readable.get(0), "kubeconfig " + readable.get(0))
          : new ClusterAccess(
              load(() -> Config.autoConfigure(null), "KUBECONFIG=" + variable),
              "KUBECONFIG=" + variable);
    }
    Path home =
        Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".kube", "config");
    if (Files.isReadable(home)) {
      return fromFile(home, "kubeconfig " + home);
    }
    if (env.containsKey("KUBERNETES_SERVICE_HOST")
        && Files.isReadable(Path.of(SERVICE_ACCOUNT_TOKEN))) {
      return new ClusterAccess(
          load(() -> Config.autoConfigure(null), "the pod's service account"),
          "the pod's service account");
    }
    throw new ClusterProblem(
        "No kubeconfig: "
            + KUBECONFIG
            + " not given, KUBECONFIG not set, "
            + home
            + " does not exist,"
            + " and this is not a pod",
        "Give " + KUBECONFIG + " FILE or set KUBECONFIG to your cluster's kubeconfig");
  }

  /**
   * Runs a command against the cluster once it is found and answers; a {@link ClusterProblem} on
   * the way, or from the command, becomes its one line on {@code err} and exit code 1.
   */
  static int run(
      Optional<String> kubeconfig,
      Map<String, String> env,
      PrintStream err,
      ToIntFunction<ClusterAccess> command) {
    try {
      ClusterAccess cluster = locate(kubeconfig, env);
      cluster.checkReachable();
      return command.applyAsInt(cluster);
    } catch (ClusterProblem e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  private static ClusterAccess fromFile(Path file, String source) {
    return new ClusterAccess(
        load(() -> Config.fromKubeconfig(null, file.toFile()), source), source);
  }

  private static Config load(java.util.function.Supplier<Config> loader, String source) {
    try {
      return loader.get();
    } catch (RuntimeException e) {
      throw new ClusterProblem(
          source + " cannot be used: " + rootMessage(e), "Check it with kubectl config view");
    }
  }

  /** The API server's address and where it came from, for the first line a command prints. */
  String describe() {
    return config.getMasterUrl().replaceAll("/$", "") + " (from " + source + ")";
  }

  /**
   * A client for the command's work, with fabric8's usual timeouts and retries, under the given
   * name.
   */
  KubernetesClient client(String userAgent) {
    Config named = new ConfigBuilder(config).build();
    if (userAgent != null) {
      named.setUserAgent(userAgent);
    }
    return new KubernetesClientBuilder().withConfig(named).build();
  }

  KubernetesClient client() {
    return client(null);
  }

  /**
   * Any HTTP answer to {@code GET /version} proves the API server is there; 401 says it does not
   * accept the credentials. Asked through the client's own HTTP stack (TLS and credentials as
   * configured), without its retries.
   */
  void checkReachable() {
    String doing = "reach the API server";
    try (KubernetesClient quick = quickClient()) {
      HttpClient http = quick.getHttpClient();
      HttpRequest request =
          http.newHttpRequestBuilder()
              .uri(config.getMasterUrl().replaceAll("/$", "") + "/version")
              .build();
      int code =
          http.sendAsync(request, String.class)
              .get(ANSWER_WITHIN.toMillis() + 1000, TimeUnit.MILLISECONDS)
              .code();
      if (code == 401) {
        throw problem(new KubernetesClientException("Unauthorized", 401, null), doing);
      }
    } catch (ExecutionException e) {
      throw problem(e, doing);
    } catch (TimeoutException e) {
      throw problem(e, doing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterProblem("Interrupted while trying to " + doing, "Try again");
    }
  }

  /** The ProvisioningValidation API is served: its CRD is installed. */
  boolean crdServed() {
    try (KubernetesClient quick = quickClient()) {
      String discovery = quick.raw(DISCOVERY);
      if (discovery == null) {
        return false;
      }
      for (JsonNode resource : new ObjectMapper().readTree(discovery).path("resources")) {
        if (PLURAL.equals(resource.path("name").asText())) {
          return true;
        }
      }
      return false;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw problem(e, "discover the " + ProvisioningValidation.GROUP + " API");
    } catch (java.io.IOException e) {
      throw new ClusterProblem(
          "The API server at "
              + describe()
              + " answered discovery with something that is not JSON: "
              + e.getMessage(),
          "Check that the kubeconfig names a Kubernetes API server");
    }
  }

  /**
   * This identity may list runs in each namespace (all namespaces when empty), as the operator
   * must.
   */
  void checkMayListRuns(Set<String> namespaces) {
    try (KubernetesClient quick = quickClient()) {
      if (namespaces.isEmpty()) {
        quick
            .resources(ProvisioningValidation.class)
            .inAnyNamespace()
            .list(new ListOptionsBuilder().withLimit(1L).build());
      }
      for (String namespace : namespaces) {
        quick
            .resources(ProvisioningValidation.class)
            .inNamespace(namespace)
            .list(new ListOptionsBuilder().withLimit(1L).build());
      }
    } catch (KubernetesClientException e) {
      throw problem(
          e,
          "list "
              + PLURAL
              + (namespaces.isEmpty()
                  ? " in all namespaces"
                  : " in " + String.join(", ", namespaces)));
    }
  }

  private KubernetesClient quickClient() {
    int millis = (int) ANSWER_WITHIN.toMillis();
    Config quick =
        new ConfigBuilder(config)
            .withConnectionTimeout(millis)
            .withRequestTimeout(millis)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(quick).build();
  }

  /**
   * A failed request as one line: the cause (no answer, which answer) and the fix for it.
   *
   * @param failure a client exception, or one that wraps it (JOSDK's, when its watches cannot
   *     start)
   * @param doing what the command was trying to do, e.g. "list provisioningvalidations in checks"
   */
  ClusterProblem problem(Exception failure, String doing) {
    KubernetesClientException e = clientException(failure);
    if (e == null) {
      return new ClusterProblem(
          "Cannot " + doing + " at " + describe() + ": " + noAnswer(failure),
          "Check that the cluster is up and that the kubeconfig names it (kubectl cluster-info)");
    }
    String where = "the API server at " + describe();
    return switch (e.getCode()) {
      case 401 ->
          new ClusterProblem(
              where
                  + " does not accept the credentials (401 Unauthorized) while trying to "
                  + doing,
              "Renew them (log in again, or get a fresh kubeconfig)");
      case 403 ->
          new ClusterProblem(
              where + " forbids it to " + doing + " (403): " + statusMessage(e),
              "Grant the permissions of the chart's RBAC (README, Permissions) or use an identity that has them");
      case 404 ->
          new ClusterProblem(
              where
                  + " does not serve "
                  + PLURAL
                  + "."
                  + ProvisioningValidation.GROUP
                  + " (404) while trying to "
                  + doing,
              "Install the CRD: kubectl apply -f crds/ (helm install does it too)");
      case 400, 409, 422 ->
          new ClusterProblem(
              where + " refused to " + doing + " (" + e.getCode() + "): " + statusMessage(e),
              "Correct what it names");
      default ->
          e.getCode() > 0
              ? new ClusterProblem(
                  where
                      + " answered "
                      + e.getCode()
                      + " while trying to "
                      + doing
                      + ": "
                      + statusMessage(e),
                  "Check the API server's health (kubectl get --raw /readyz)")
              : new ClusterProblem(
                  "Cannot " + doing + " at " + describe() + ": " + noAnswer(e),
                  "Check that the cluster is up and that the kubeconfig names it (kubectl cluster-info)");
    };
  }

  private static KubernetesClientException clientException(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof KubernetesClientException client) {
        return client;
      }
    }
    return null;
  }

  private static String statusMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : rootMessage(e);
  }

  /** Why no HTTP answer came, in the words a user knows. */
  private static String noAnswer(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
      if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
        return "unknown host";
      }
      if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
        return "no answer within " + ANSWER_WITHIN.toSeconds() + "s";
      }
      if (cause instanceof SSLException) {
        return "TLS failed (" + cause.getMessage() + ")";
      }
    }
    return rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null
        ? root.getClass().getSimpleName()
        : root.getMessage().lines().findFirst().orElse("").strip();
  }
}
