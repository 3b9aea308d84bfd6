package dev.s3csi.validator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.s3.S3Credentials;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-JVM cluster for the operator: the fabric8 mock API server in CRUD mode with the CRD
 * registered and its admission emulated (schema and CEL rules), S3Proxy on a loopback port, and a
 * simulated S3 CSI driver (following the chosen {@link DriverProfile}, with the chosen {@link
 * Fault}s) and kubelet. The operator gets its own client, whose requests the {@link
 * ChaosDispatcher} can disturb; S3 can be taken down and brought back.
 */
public final class Sandbox implements World {
  /** The one node probe pods run on. */
  public static final String NODE = "sandbox-node";

  static final String CRD_RESOURCE =
      "META-INF/fabric8/provisioningvalidations.validation.s3csi.dev-v1.yml";

  // JUL keeps loggers weakly: hold the one whose level is changed, or the change is lost.
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

  private final SandboxOptions options;
  private final ChaosDispatcher chaos;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final S3Server s3Server;
  private final S3Client mountS3;
  private final List<KubernetesClient> operatorClients = new CopyOnWriteArrayList<>();
  private final List<ValidatorOperator> operators = new CopyOnWriteArrayList<>();
  private final Set<String> orphans = ConcurrentHashMap.newKeySet();
  private final CsiController controller;
  private final SimulatedDriver driver;
  private final SimulatedKubelet kubelet;
  private final Timeline timeline = new Timeline();

  private Sandbox(SandboxOptions options) throws Exception {
    this.options = options;
    CustomResourceDefinition crd = loadCrd();
    KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(Collections.emptyList());
    chaos =
        new ChaosDispatcher(
            new BindingDispatcher(new AdmissionDispatcher(crud, crd), crud), options.seed());
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), chaos, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    s3Server = S3Server.start(options.accessKey(), options.secretKey());
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    client.secrets().inNamespace(NAMESPACE).resource(credentialsSecret()).create();
    registerCsiDriver();
    S3Credentials driverCredentials =
        options.faults().contains(Fault.BAD_CREDENTIALS)
            ? new S3Credentials("AKIDNOTKNOWN", "wrong-secret")
            : new S3Credentials(options.accessKey(), options.secretKey());
    controller =
        new CsiController(
            s3Endpoint(), driverCredentials, options.profile(), options.faults(), orphans);
    SlowStages stages = new SlowStages(options.faults(), options.slowStage(), timeline);
    driver = new SimulatedDriver(client, controller, options.faults(), stages, timeline);
    mountS3 = s3Server.mountClient();
    kubelet = new SimulatedKubelet(client, NODE, mountS3, options.faults(), stages, timeline);
    driver.start();
    kubelet.start();
  }

  /** The mock server logs every request at INFO; the demo's stderr is for the operator's logs. */
  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  public static Sandbox start(SandboxOptions options) {
    try {
      return new Sandbox(options);
    } catch (Exception e) {
      throw new IllegalStateException("sandbox did not start", e);
    }
  }

  /** The generated CRD, as users install it. */
  public static CustomResourceDefinition loadCrd() throws IOException {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CRD_RESOURCE + " is missing: run `mvn process-classes` first");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  /**
   * What the driver's Helm chart installs: the CSIDriver object the validator's preflight looks
   * for.
   */
  private void registerCsiDriver() {
    client
        .storage()
        .v1()
        .csiDrivers()
        .resource(
            new CSIDriverBuilder()
                .withNewMetadata()
                .withName(SimulatedDriver.NAME)
                .endMetadata()
                .withNewSpec()
                .withAttachRequired(false)
                .withPodInfoOnMount(true)
                .withRequiresRepublish(true)
                .endSpec()
                .build())
        .create();
  }

  private io.fabric8.kubernetes.api.model.Secret credentialsSecret() {
    Base64.Encoder base64 = Base64.getEncoder();
    return new SecretBuilder()
        .withNewMetadata()
        .withName(SECRET)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withData(
            Map.of(
                S3Credentials.ACCESS_KEY_ID,
                    base64.encodeToString(options.accessKey().getBytes(StandardCharsets.UTF_8)),
                S3Credentials.SECRET_ACCESS_KEY,
                    base64.encodeToString(options.secretKey().getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public URI s3Endpoint() {
    return s3Server.endpoint();
  }

  /** The API server's fault injection and record of the operator's writes. */
  public ChaosDispatcher chaos() {
    return chaos;
  }

  /** What the simulated driver and kubelet did to runs' objects, and when. */
  public Timeline timeline() {
    return timeline;
  }

  /**
   * S3 goes away: connections to its port are refused until {@link #startS3()}. Objects are kept.
   */
  public void stopS3() {
    s3Server.stop();
  }

  /** S3 is back, on the same port, with what it held. */
  public void startS3() {
    s3Server.restart();
  }

  /**
   * The operator with these settings, on a client of its own (as a restarted operator pod has): the
   * {@link ChaosDispatcher} tells its requests by their user agent. It stops when it is closed or,
   * at the latest, with the sandbox.
   */
  @Override
  public ValidatorOperator startOperator(OperatorSettings settings) {
    KubernetesClient operatorClient =
        server.createClient(
            b -> b.editOrNewConfig().withUserAgent(ChaosDispatcher.OPERATOR_AGENT).endConfig());
    operatorClients.add(operatorClient);
    ValidatorOperator operator = new ValidatorOperator(operatorClient, settings, Clock.systemUTC());
    operators.add(operator);
    operator.start();
    return operator;
  }

  /**
   * Deadlines short enough for a fault to surface in seconds, long enough for a loaded 2-core
   * machine.
   */
  @Override
  public Timeouts timeouts() {
    Timeouts timeouts = new Timeouts();
    timeouts.setBind("8s");
    timeouts.setPodReady("10s");
    timeouts.setObjectVisible("4s");
    timeouts.setDeletion("8s");
    // The simulated provisioner retries after 1, 2, 4 s: two seconds see its first two retries.
    timeouts.setRefusalSettle("2s");
    timeouts.setRun("2m");
    return timeouts;
  }

  @Override
  public List<String> bucketNames() {
    return s3Server.bucketNames();
  }

  @Override
  public ClusterInfo info() {
    return new ClusterInfo(
        "sandbox",
        null,
        "simulated " + SimulatedDriver.NAME + " (profile " + options.profile().cliName() + ")",
        null);
  }

  /** The buckets the orphan-bucket fault left: what a run must list in status.leakedBuckets. */
  @Override
  public Set<String> knownOrphans() {
    return Set.copyOf(orphans);
  }

  /** The sandbox S3 as the validator sees it, for tests that inspect buckets directly. */
  public S3Client s3() {
    return s3Server.client();
  }

  @Override
  public void close() {
    // Stopping twice is harmless: JOSDK's Operator.stop() does nothing more on a stopped operator.
    operators.forEach(ValidatorOperator::close);
    kubelet.close();
    driver.close();
    controller.close();
    mountS3.close();
    s3Server.close();
    operatorClients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
  }
}
