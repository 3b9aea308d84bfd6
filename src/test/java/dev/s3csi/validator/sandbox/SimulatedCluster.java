package dev.s3csi.validator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-JVM cluster: the fabric8 mock API server in CRUD mode with the CRD registered and its
 * admission emulated (schema and CEL rules), S3Proxy on a loopback port, and a simulated S3 CSI
 * driver (following the chosen {@link DriverProfile}, with the chosen {@link Fault}s) and kubelet.
 * It knows nothing of the operator: clients with the operator's user agent are the ones the {@link
 * ChaosDispatcher} disturbs; S3 can be taken down and brought back.
 */
public final class SimulatedCluster implements AutoCloseable {
  /** The one node probe pods run on. */
  public static final String NODE = "sandbox-node";

  static final String CRD_RESOURCE =
      "META-INF/fabric8/provisioningvalidations.validation.s3csi.dev-v1.yml";

  // JUL keeps loggers weakly: hold the one whose level is changed, or the change is lost.
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

  private final SandboxOptions options;
  private final ChaosDispatcher chaos;
  private final ForeignObjects foreign;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final S3Server s3Server;
  private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
  private final Set<String> orphans = ConcurrentHashMap.newKeySet();
  private final CsiController controller;
  private final SimulatedDriver driver;
  private final SimulatedKubelet kubelet;
  private final Timeline timeline;

  private SimulatedCluster(SandboxOptions options, String operatorAgent, Timeline timeline)
      throws Exception {
    this.options = options;
    this.timeline = timeline;
    CustomResourceDefinition crd = loadCrd();
    KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(Collections.emptyList());
    foreign =
        new ForeignObjects(
            new BindingDispatcher(
                new QuotaDispatcher(new AdmissionDispatcher(crud, crd), crud), crud));
    chaos = new ChaosDispatcher(foreign, operatorAgent, options.seed());
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), chaos, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    S3Keys driverKeys = options.driverKeys();
    s3Server = S3Server.start(driverKeys, options.usersKeys());
    registerCsiDriver();
    S3Keys controllerKeys =
        options.faults().contains(Fault.BAD_CREDENTIALS)
            ? new S3Keys("AKIDNOTKNOWN", "wrong-secret")
            : driverKeys;
    controller =
        new CsiController(
            s3Endpoint(), controllerKeys, options.profile(), options.faults(), orphans);
    SlowStages stages = new SlowStages(options.faults(), options.slowStage(), timeline);
    driver = new SimulatedDriver(client, controller, options.faults(), stages, timeline);
    kubelet =
        new SimulatedKubelet(
            client,
            NODE,
            s3Endpoint(),
            driverKeys,
            options.faults(),
            stages,
            timeline,
            options.failedMountDelay());
    driver.start();
    kubelet.start();
  }

  /** The mock server logs every request at INFO; the demo's stderr is for the operator's logs. */
  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /**
   * @param operatorAgent the User-Agent of the operator's clients, whose requests chaos disturbs
   * @param timeline where the driver and kubelet record what they did to whose objects
   */
  public static SimulatedCluster start(
      SandboxOptions options, String operatorAgent, Timeline timeline) {
    try {
      return new SimulatedCluster(options, operatorAgent, timeline);
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

  private void registerCsiDriver() {
    client.storage().v1().csiDrivers().resource(csiDriver(SimulatedDriver.NAME)).create();
  }

  /**
   * What the driver's Helm chart installs, in either world: the CSIDriver object the validator's
   * preflight looks for.
   */
  public static CSIDriver csiDriver(String name) {
    return new CSIDriverBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withAttachRequired(false)
        .withPodInfoOnMount(true)
        .withRequiresRepublish(true)
        .endSpec()
        .build();
  }

  /** The cluster as its administrator sees it. */
  public KubernetesClient client() {
    return client;
  }

  public URI s3Endpoint() {
    return s3Server.endpoint();
  }

  /** The API server's fault injection and record of the operator's writes. */
  /** Other workloads' PVs and Events, none until a benchmark fills them in. */
  public ForeignObjects foreignObjects() {
    return foreign;
  }

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
   * A new client of this API server, sending {@code userAgent}; closed with the cluster. The
   * operator's, with its user agent, are the ones the {@link ChaosDispatcher} disturbs.
   */
  public KubernetesClient newClient(String userAgent) {
    KubernetesClient created =
        server.createClient(b -> b.editOrNewConfig().withUserAgent(userAgent).endConfig());
    clients.add(created);
    return created;
  }

  /** The name of the simulated driver, as its CSIDriver object and StorageClasses give it. */
  public static String driverName() {
    return SimulatedDriver.NAME;
  }

  /** The contract and faults the simulated driver follows. */
  public SandboxOptions options() {
    return options;
  }

  /** Every bucket in S3, whichever account owns it. */
  public List<String> bucketNames() {
    return s3Server.bucketNames();
  }

  /** The buckets the orphan-bucket fault left: what a run must list in status.leakedBuckets. */
  public Set<String> knownOrphans() {
    return Set.copyOf(orphans);
  }

  /** A client of the sandbox S3 with these keys, for the caller to close. */
  public S3Client s3(S3Keys keys) {
    return S3Clients.standard(s3Endpoint(), keys);
  }

  @Override
  public void close() {
    kubelet.close();
    driver.close();
    controller.close();
    s3Server.close();
    clients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
  }
}
