package dev.s3csi.validator.realworld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver with RBAC authorization and its
 * default admission plugins (NamespaceLifecycle, LimitRanger, ServiceAccount, PodSecurity,
 * ResourceQuota, StorageObjectInUseProtection, …), and kube-controller-manager with the controllers
 * a volume's life needs. There are no nodes and no scheduler: {@link SimulatedNode} is the node.
 * Everything lives in one directory (keys, etcd's data, the logs) and goes with {@link #close()}.
 */
final class ControlPlane implements AutoCloseable {
  /**
   * The controllers a volume's life goes through (binding, PV and PVC protection, the deletion of
   * what a run owns and of namespaces, the default ServiceAccount pods need, quota usage) and
   * nothing else: no node lifecycle (the simulated node sends no heartbeats), no pod GC.
   */
  static final List<String> CONTROLLERS =
      List.of(
          "persistentvolume-binder-controller",
          "persistentvolume-protection-controller",
          "persistentvolumeclaim-protection-controller",
          "garbage-collector-controller",
          "namespace-controller",
          "serviceaccount-controller",
          "resourcequota-controller");

  static final String ADMIN = "admin";

  /**
   * Every request the API server answered, who made it and how it ended (Metadata level: no bodies,
   * so no Secret's data), from the API server's own clock: see {@link AuditLog}. Status writes of
   * runs, PVCs and pods are logged with the object as stored (RequestResponse): the phase a PVC or
   * pod moved to, and the steps a run's status concluded, are what the reaction latency on the real
   * control plane is measured from (bench {@code AuditReactions}).
   */
  private static final String AUDIT_POLICY =
      String.join(
          "\n",
          "apiVersion: audit.k8s.io/v1",
          "kind: Policy",
          "omitStages: [RequestReceived]",
          "rules:",
          "- level: RequestResponse",
          "  verbs: [update, patch]",
          "  resources:",
          "  - group: validation.s3csi.dev",
          "    resources: [provisioningvalidations/status]",
          "  - group: \"\"",
          "    resources: [persistentvolumeclaims/status, pods/status]",
          "- level: Metadata",
          "");

  private static final Duration READY_LIMIT = Duration.ofSeconds(90);

  private final Path directory;
  private final String adminToken = randomToken();
  private final int apiServerPort;
  private final List<LocalProcess> processes = new ArrayList<>();
  private final Path adminKubeconfig;

  private ControlPlane(RealWorldBinaries binaries, Path directory, List<String> extraApiServerFlags)
      throws IOException {
    this.directory = directory;
    Path logs = Files.createDirectories(directory.resolve("logs"));
    int etcdPort = freePort();
    int etcdPeerPort = freePort();
    apiServerPort = freePort();
    String etcd = "http://127.0.0.1:" + etcdPort;
    String peer = "http://127.0.0.1:" + etcdPeerPort;
    processes.add(
        LocalProcess.start(
            "etcd",
            binaries.binary("etcd"),
            List.of(
                "--name=pval",
                "--data-dir=" + directory.resolve("etcd"),
                "--listen-client-urls=" + etcd,
                "--advertise-client-urls=" + etcd,
                "--listen-peer-urls=" + peer,
                "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=pval=" + peer,
                // A test cluster's data need not survive a power cut; fsync on a shared 2-core disk
                // is its slowest part.
                "--unsafe-no-fsync=true",
                "--log-level=warn"),
            Map.of(),
            logs));

    writeServiceAccountKeys();
    Files.writeString(directory.resolve("audit-policy.yaml"), AUDIT_POLICY);
    Files.writeString(
        directory.resolve("tokens.csv"),
        adminToken + "," + ADMIN + "," + ADMIN + ",system:masters\n");
    List<String> apiServer =
        new ArrayList<>(
            List.of(
                "--etcd-servers=" + etcd,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + apiServerPort,
                "--cert-dir=" + directory.resolve("pki"),
                "--token-auth-file=" + directory.resolve("tokens.csv"),
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + directory.resolve("sa.pub"),
                "--service-account-signing-key-file=" + directory.resolve("sa.key"),
                "--service-cluster-ip-range=10.0.0.0/24",
                // No Service of kind "kubernetes" pointing at a loopback address, which the
                // endpoint controller refuses.
                "--endpoint-reconciler-type=none",
                "--audit-policy-file=" + directory.resolve("audit-policy.yaml"),
                "--audit-log-path=" + auditLog(),
                "--audit-log-format=json",
                // Written before the request is answered: what a test reads after a call is in the
                // log.
                "--audit-log-mode=blocking"));
    apiServer.addAll(extraApiServerFlags);
    processes.add(
        LocalProcess.start(
            "kube-apiserver", binaries.binary("kube-apiserver"), apiServer, Map.of(), logs));
    adminKubeconfig = kubeconfig(directory.resolve("admin.kubeconfig"), ADMIN, adminToken);
    awaitReady();

    processes.add(
        LocalProcess.start(
            "kube-controller-manager",
            binaries.binary("kube-controller-manager"),
            List.of(
                "--kubeconfig=" + adminKubeconfig,
                "--leader-elect=false",
                "--secure-port=0",
                "--controllers=" + String.join(",", CONTROLLERS)),
            Map.of(),
            logs));
  }

  static ControlPlane start(
      RealWorldBinaries binaries, Path directory, List<String> extraApiServerFlags) {
    try {
      return new ControlPlane(binaries, directory, extraApiServerFlags);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the control plane in " + directory, e);
    }
  }

  URI apiServer() {
    return URI.create("https://127.0.0.1:" + apiServerPort);
  }

  /** The API server's audit log: one JSON event per answered request. */
  Path auditLog() {
    return directory.resolve("logs").resolve("audit.log");
  }

  /** A kubeconfig with cluster-admin rights, for the components that are not under test. */
  Path adminKubeconfig() {
    return adminKubeconfig;
  }

  Path directory() {
    return directory;
  }

  /** A client as cluster-admin: the person who installs the driver and the chart. */
  KubernetesClient adminClient() {
    return clientWithToken(adminToken, "provisioning-validator-realworld");
  }

  /** A client that authenticates with the given bearer token (a service account's, say). */
  KubernetesClient clientWithToken(String token, String userAgent) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(apiServer().toString())
            .withOauthToken(token)
            .withTrustCerts(true)
            .withUserAgent(userAgent)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Fails, with the end of its log, when a component has died. */
  void assertAlive() {
    processes.forEach(LocalProcess::assertAlive);
  }

  private void awaitReady() {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(trustAll())
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest readyz =
        HttpRequest.newBuilder(apiServer().resolve("/readyz"))
            .header("Authorization", "Bearer " + adminToken)
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      assertAlive();
      try {
        HttpResponse<String> response = http.send(readyz, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for kube-apiserver", e);
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        "kube-apiserver not ready after " + READY_LIMIT.toSeconds() + " s: " + last);
  }

  /** A kubeconfig for this API server that authenticates {@code user} with a bearer token. */
  Path kubeconfig(Path file, String user, String token) throws IOException {
    String text =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: realworld",
            "  cluster:",
            "    server: " + apiServer(),
            "    insecure-skip-tls-verify: true",
            "users:",
            "- name: " + user,
            "  user:",
            "    token: " + token,
            "contexts:",
            "- name: realworld",
            "  context: {cluster: realworld, user: " + user + "}",
            "current-context: realworld",
            "");
    return Files.writeString(file, text);
  }

  /** The key pair service account tokens are signed with, as PEM files the API server reads. */
  private void writeServiceAccountKeys() throws IOException {
    KeyPair keys;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Files.writeString(
        directory.resolve("sa.key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    Files.writeString(
        directory.resolve("sa.pub"), pem("PUBLIC KEY", keys.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /**
   * The API server's certificate is self-signed, made by itself at start: only its health is asked
   * here.
   */
  private static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          null,
          new TrustManager[] {
            new X509TrustManager() {
              @Override
              public void checkClientTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public void checkServerTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          new SecureRandom());
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Stops everything and deletes etcd's data (over 100 MiB a world); the logs stay, for a failure
   * to be read.
   */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    deleteTree(directory.resolve("etcd"));
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
