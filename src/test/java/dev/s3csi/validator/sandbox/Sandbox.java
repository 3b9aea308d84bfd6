package dev.s3csi.validator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.s3.S3ClientFactory;
import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.spec.EffectiveSpec.S3Settings;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-JVM cluster for the operator: the fabric8 mock API server in CRUD mode with the CRD
 * registered and its admission emulated (schema and CEL rules), S3Proxy on a loopback port, and a
 * simulated S3 CSI driver (following the chosen {@link DriverProfile}, with the chosen
 * {@link Fault}s) and kubelet. The operator gets its own client, whose requests the
 * {@link ChaosDispatcher} can disturb; S3 can be taken down and brought back.
 */
public final class Sandbox implements AutoCloseable {
  public static final String NAMESPACE = "pval-demo";
  public static final String SECRET = "s3-credentials";
  static final String CRD_RESOURCE = "META-INF/fabric8/provisioningvalidations.validation.s3csi.dev-v1.yml";

  // JUL keeps loggers weakly: hold the one whose level is changed, or the change is lost.
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

  private final SandboxOptions options;
  private final ChaosDispatcher chaos;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final BlobStoreContext blobStore;
  private final int s3Port;
  private volatile S3Proxy s3Proxy;
  private final S3Client s3;
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
    chaos = new ChaosDispatcher(new AdmissionDispatcher(new KubernetesCrudDispatcher(Collections.emptyList()), crd), options.seed());
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), chaos, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    blobStore = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(new Properties()).build(BlobStoreContext.class);
    s3Proxy = startS3Proxy(0);
    s3Port = s3Proxy.getPort();

    s3 = S3ClientFactory.create(s3Settings(), new S3Credentials(options.accessKey(), options.secretKey()));
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    client.secrets().inNamespace(NAMESPACE).resource(credentialsSecret()).create();
    registerCsiDriver();
    S3Credentials driverCredentials = options.faults().contains(Fault.BAD_CREDENTIALS)
        ? new S3Credentials("AKIDNOTKNOWN", "wrong-secret")
        : new S3Credentials(options.accessKey(), options.secretKey());
    controller = new CsiController(s3Endpoint(), driverCredentials, options.profile(), options.faults(), orphans);
    SlowStages stages = new SlowStages(options.faults(), options.slowStage(), timeline);
    driver = new SimulatedDriver(client, controller, options.faults(), stages, timeline);
    mountS3 = mountClient();
    kubelet = new SimulatedKubelet(client, mountS3, options.faults(), stages, timeline);
    driver.start();
    kubelet.start();
  }

  /**
   * What the simulated mounts reach S3 with: like mountpoint-s3, they retry a failed request for
   * several seconds (up to 10 attempts with backoff) before an I/O error reaches the application.
   */
  private S3Client mountClient() {
    return S3ClientFactory.builder(s3Settings(), new S3Credentials(options.accessKey(), options.secretKey()))
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)).apiCallAttemptTimeout(Duration.ofSeconds(5))
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(10)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .circuitBreakerEnabled(false)
                .build()))
        .build();
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
  static CustomResourceDefinition loadCrd() throws IOException {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CRD_RESOURCE + " is missing: run `mvn process-classes` first");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  /** What the driver's Helm chart installs: the CSIDriver object the validator's preflight looks for. */
  private void registerCsiDriver() {
    client.storage().v1().csiDrivers().resource(new CSIDriverBuilder()
        .withNewMetadata().withName(SimulatedDriver.NAME).endMetadata()
        .withNewSpec().withAttachRequired(false).withPodInfoOnMount(true).withRequiresRepublish(true).endSpec()
        .build()).create();
  }

  /** S3Proxy on the given port (0 for any), over the one in-memory store, which outlives it. */
  private S3Proxy startS3Proxy(int port) throws Exception {
    S3Proxy proxy = S3Proxy.builder().blobStore(blobStore.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, options.accessKey(), options.secretKey())
        .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    return proxy;
  }

  private io.fabric8.kubernetes.api.model.Secret credentialsSecret() {
    Base64.Encoder base64 = Base64.getEncoder();
    return new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(NAMESPACE).endMetadata()
        .withData(Map.of(
            S3Credentials.ACCESS_KEY_ID, base64.encodeToString(options.accessKey().getBytes(StandardCharsets.UTF_8)),
            S3Credentials.SECRET_ACCESS_KEY, base64.encodeToString(options.secretKey().getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  public KubernetesClient client() {
    return client;
  }

  public SandboxOptions options() {
    return options;
  }

  public URI s3Endpoint() {
    return URI.create("http://127.0.0.1:" + s3Port);
  }

  /** The API server's fault injection and record of the operator's writes. */
  public ChaosDispatcher chaos() {
    return chaos;
  }

  /** What the simulated driver and kubelet did to runs' objects, and when. */
  public Timeline timeline() {
    return timeline;
  }

  /** S3 goes away: connections to its port are refused until {@link #startS3()}. Objects are kept. */
  public synchronized void stopS3() {
    try {
      s3Proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    }
  }

  /** S3 is back, on the same port, with what it held. */
  public synchronized void startS3() {
    try {
      s3Proxy = startS3Proxy(s3Port);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not restart on port " + s3Port, e);
    }
  }

  private S3Settings s3Settings() {
    return new S3Settings(s3Endpoint(), "us-east-1", true, SECRET, NAMESPACE);
  }

  /** The operator, wired as in production, against this sandbox. */
  public ValidatorOperator startOperator() {
    return startOperator(new OperatorSettings(Set.of(), OperatorSettings.DEFAULT_PROBE_IMAGE));
  }

  /**
   * The operator with these settings, on a client of its own (as a restarted operator pod has):
   * the {@link ChaosDispatcher} tells its requests by their user agent. It stops when it is closed
   * or, at the latest, with the sandbox.
   */
  public ValidatorOperator startOperator(OperatorSettings settings) {
    KubernetesClient operatorClient = server.createClient(b -> b.editOrNewConfig().withUserAgent(ChaosDispatcher.OPERATOR_AGENT).endConfig());
    operatorClients.add(operatorClient);
    ValidatorOperator operator = new ValidatorOperator(operatorClient, settings, Clock.systemUTC());
    operators.add(operator);
    operator.start();
    return operator;
  }

  /** Points a run at this sandbox's S3 unless it names an S3 endpoint of its own. */
  public void fillS3(ProvisioningValidation run) {
    if (run.getSpec() == null) {
      run.setSpec(new ValidationSpec());
    }
    if (run.getSpec().getS3() == null) {
      S3Spec s3Spec = new S3Spec();
      s3Spec.setEndpoint(s3Endpoint().toString());
      s3Spec.setCredentialsSecretRef(new SecretReference(SECRET, null));
      run.getSpec().setS3(s3Spec);
    }
  }

  /**
   * The same for a run as its file says it, untyped: sets spec.s3 where spec is an object without
   * it, and replaces an endpoint it names, since the sandbox has no other S3.
   *
   * @return what was changed, for the user; empty when nothing was
   */
  @SuppressWarnings("unchecked")
  public Optional<String> pointAtSandboxS3(GenericKubernetesResource run) {
    Object spec = run.getAdditionalProperties().computeIfAbsent("spec", key -> new java.util.LinkedHashMap<String, Object>());
    if (!(spec instanceof Map<?, ?> map)) {
      return Optional.empty();
    }
    Object s3Spec = map.get("s3");
    if (s3Spec == null) {
      ((Map<String, Object>) map).put("s3", Map.of("endpoint", s3Endpoint().toString(), "credentialsSecretRef", Map.of("name", SECRET)));
      return Optional.of("spec.s3 was absent: the sandbox's S3 at " + s3Endpoint() + " with Secret " + SECRET);
    }
    if (s3Spec instanceof Map<?, ?> s3Map && s3Map.get("endpoint") != null && !s3Endpoint().toString().equals(s3Map.get("endpoint"))) {
      Object written = ((Map<String, Object>) s3Map).put("endpoint", s3Endpoint().toString());
      return Optional.of("spec.s3.endpoint " + written + " is the sandbox's S3 at " + s3Endpoint() + " here");
    }
    return Optional.empty();
  }

  /** A run of the given scenarios with the short deadlines the demo uses. */
  public ProvisioningValidation validation(String name, List<dev.s3csi.validator.api.ScenarioName> scenarios) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName(name);
    run.getMetadata().setNamespace(NAMESPACE);
    ValidationSpec spec = new ValidationSpec();
    spec.setScenarios(scenarios);
    spec.setTimeouts(demoTimeouts());
    run.setSpec(spec);
    fillS3(run);
    return run;
  }

  /** Deadlines short enough for a fault to surface in seconds, long enough for a loaded 2-core machine. */
  static Timeouts demoTimeouts() {
    Timeouts timeouts = new Timeouts();
    timeouts.setBind("8s");
    timeouts.setPodReady("10s");
    timeouts.setObjectVisible("4s");
    timeouts.setDeletion("8s");
    timeouts.setRun("2m");
    return timeouts;
  }

  /**
   * What runs left behind. Buckets the orphan-bucket fault made are counted apart: the validator
   * must report them (status.leakedBuckets) and must not delete them, as nothing proves it caused them.
   */
  public Audit audit() {
    List<String> buckets = s3.listBuckets().buckets().stream().map(b -> b.name()).toList();
    return new Audit(
        client.persistentVolumeClaims().inAnyNamespace().withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER).list().getItems().size(),
        client.persistentVolumes().list().getItems().size(),
        client.pods().inAnyNamespace().withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER).list().getItems().size(),
        client.storage().v1().storageClasses().withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER).list().getItems().size(),
        (int) buckets.stream().filter(b -> !orphans.contains(b)).count(),
        (int) buckets.stream().filter(orphans::contains).count());
  }

  /** The buckets the orphan-bucket fault left: what a run must list in status.leakedBuckets. */
  public Set<String> injectedOrphans() {
    return Set.copyOf(orphans);
  }

  /** The sandbox S3 as the validator sees it, for tests that inspect buckets directly. */
  public S3Client s3() {
    return s3;
  }

  @Override
  public void close() {
    // Stopping twice is harmless: JOSDK's Operator.stop() does nothing more on a stopped operator.
    operators.forEach(ValidatorOperator::close);
    kubelet.close();
    driver.close();
    controller.close();
    s3.close();
    mountS3.close();
    try {
      s3Proxy.stop();
    } catch (Exception e) {
      // Shutting down anyway.
    }
    blobStore.close();
    operatorClients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
  }
}
