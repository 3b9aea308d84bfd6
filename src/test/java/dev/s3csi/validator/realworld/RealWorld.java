package dev.s3csi.validator.realworld;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.chart.RenderedChart;
import dev.s3csi.validator.cli.OperatorCommand;
import dev.s3csi.validator.harness.ClusterInfo;
import dev.s3csi.validator.harness.World;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.sandbox.ExhaustedQuota;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.S3Keys;
import dev.s3csi.validator.sandbox.S3Server;
import dev.s3csi.validator.sandbox.SimulatedCluster;
import dev.s3csi.validator.sandbox.SimulatedKubelet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The real world: a real control plane ({@link ControlPlane}) with the real external-provisioner
 * and the real Scality driver controller ({@link DriverController}) against an S3 server, and one
 * simulated node (kubelet and the driver's node plugin) that runs the real probe program. Installed
 * as a user installs it: the CRD from crds/, the driver's CSIDriver object, the chart's
 * ServiceAccount and RBAC from {@code helm template}; the operator runs as that ServiceAccount, so
 * a permission the chart lacks fails here. Runs go into a namespace that enforces the restricted
 * Pod Security Standard.
 */
public final class RealWorld implements World {
  static final String CONTROLLER_NODE_ID = "controller";
  public static final String NODE = "realworld-node";

  /** Where the chart is installed, and its release name. */
  public static final String OPERATOR_NAMESPACE = "provisioning-validator";

  public static final String RELEASE = "pval";

  /** The faults the real world can inject: they happen to the real driver, not to a simulation. */
  public static final Set<Fault> FAULTS =
      EnumSet.of(Fault.DRIVER_DOWN, Fault.BAD_CREDENTIALS, Fault.QUOTA_EXHAUSTED);

  private static final Duration INSTALL_LIMIT = Duration.ofSeconds(60);

  private final RealWorldBinaries binaries;
  private final Path directory;
  private final S3Server s3;
  private final ControlPlane controlPlane;
  private final KubernetesClient admin;
  private final DriverController driver;
  private final SimulatedKubelet node;
  private static final String WHOAMI_AGENT = "provisioning-validator-realworld-whoami";

  private final List<KubernetesClient> operatorClients = new CopyOnWriteArrayList<>();
  private final String serviceAccount = RenderedChart.fullname(RELEASE);
  private final S3Credentials driverCredentials;

  private RealWorld(RealWorldBinaries binaries, Set<Fault> faults, S3Credentials credentials)
      throws IOException {
    Set<Fault> unsupported =
        faults.stream().filter(f -> !FAULTS.contains(f)).collect(Collectors.toSet());
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          "on the real cluster only these faults exist: "
              + FAULTS.stream().map(Fault::cliName).collect(Collectors.joining(", "))
              + "; not "
              + unsupported.stream().map(Fault::cliName).collect(Collectors.joining(", ")));
    }
    this.binaries = binaries;
    this.directory = Files.createTempDirectory("pval-realworld-");
    s3 = S3Server.start(new S3Keys(credentials.accessKeyId(), credentials.secretAccessKey()));
    controlPlane = ControlPlane.start(binaries, directory, List.of());
    admin = controlPlane.adminClient();
    driverCredentials = credentials;
    install();
    driver =
        new DriverController(
            binaries,
            controlPlane,
            s3.endpoint(),
            credentials.accessKeyId(),
            credentials.secretAccessKey());
    inject(faults);
    node =
        SimulatedKubelet.healthy(
            admin,
            NODE,
            s3.endpoint(),
            new S3Keys(credentials.accessKeyId(), credentials.secretAccessKey()));
    node.start();
  }

  /**
   * Builds the binaries if they are not cached yet (minutes, said on {@code progress}), starts
   * everything and installs the driver and the chart.
   *
   * @throws RealWorldBinaries.Unavailable when this machine cannot build them (no Go)
   */
  public static RealWorld start(
      Set<Fault> faults, S3Credentials credentials, PrintStream progress) {
    RealWorldBinaries binaries = RealWorldBinaries.build(progress);
    try {
      return new RealWorld(binaries, faults, credentials);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the real world", e);
    }
  }

  /**
   * What a cluster admin does before the validator can run: CRD, driver, chart RBAC, a namespace
   * and its Secret.
   */
  private void install() throws IOException {
    CustomResourceDefinition crd =
        admin
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .resource(SimulatedCluster.loadCrd())
            .create();
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        // A CRD just created may come back with a status that has no conditions yet.
        .waitUntilCondition(
            c ->
                c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            cond ->
                                "Established".equals(cond.getType())
                                    && "True".equals(cond.getStatus())),
            INSTALL_LIMIT.toSeconds(),
            TimeUnit.SECONDS);
    // The CSIDriver object of the driver's chart (templates/csidriver.yaml).
    admin
        .storage()
        .v1()
        .csiDrivers()
        .resource(SimulatedCluster.csiDriver(DriverController.NAME))
        .create();
    createNamespace(OPERATOR_NAMESPACE);
    for (GenericKubernetesResource object :
        RenderedChart.render(RELEASE, OPERATOR_NAMESPACE, Map.of()).objects()) {
      if (Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")
          .contains(object.getKind())) {
        admin.resource(object).create();
      }
    }
    createNamespace(NAMESPACE);
    admin
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            World.credentialsSecret(
                new S3Keys(driverCredentials.accessKeyId(), driverCredentials.secretAccessKey())))
        .create();
    // A namespace is only ready for pods once the controller manager gave it its default
    // ServiceAccount.
    admin
        .serviceAccounts()
        .inNamespace(NAMESPACE)
        .withName("default")
        .waitUntilCondition(sa -> sa != null, INSTALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * A namespace that enforces the restricted Pod Security Standard, as a locked-down cluster's do.
   */
  private void createNamespace(String name) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata()
                .build())
        .create();
  }

  @Override
  public KubernetesClient client() {
    return admin;
  }

  /** The operator as the chart's ServiceAccount: its token, its RBAC, nothing more. */
  @Override
  public ValidatorOperator startOperator(OperatorSettings settings) {
    KubernetesClient client =
        controlPlane.clientWithToken(operatorToken(), OperatorCommand.USER_AGENT);
    operatorClients.add(client);
    ValidatorOperator operator = new ValidatorOperator(client, settings, Clock.systemUTC());
    operator.start();
    return operator;
  }

  /**
   * A kubeconfig for an operator in a process of its own: the chart's ServiceAccount's token, as
   * the operator's pod is given it.
   */
  public Path operatorKubeconfig(Path file) {
    try {
      return controlPlane.kubeconfig(file, serviceAccount, operatorToken());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private String operatorToken() {
    return admin
        .serviceAccounts()
        .inNamespace(OPERATOR_NAMESPACE)
        .withName(serviceAccount)
        .tokenRequest(
            new TokenRequestBuilder()
                .withNewSpec()
                .withExpirationSeconds(Duration.ofHours(2).toSeconds())
                .endSpec()
                .build())
        .getStatus()
        .getToken();
  }

  /**
   * Who the operator is to the API server, as the API server says. Asked with the operator's token
   * but a user agent of its own: the audit log must tell this question from the operator's
   * requests.
   */
  private String operatorUser() {
    try (KubernetesClient client = controlPlane.clientWithToken(operatorToken(), WHOAMI_AGENT)) {
      return client
          .authentication()
          .v1()
          .selfSubjectReviews()
          .create(new SelfSubjectReview())
          .getStatus()
          .getUserInfo()
          .getUsername();
    }
  }

  @Override
  public ClusterInfo info() {
    return new ClusterInfo(
        "real", admin.getKubernetesVersion().getGitVersion(), binaries.driver(), operatorUser());
  }

  @Override
  public URI s3Endpoint() {
    return s3.endpoint();
  }

  @Override
  public List<String> bucketNames() {
    return s3.bucketNames();
  }

  /**
   * The buckets the real driver leaked, as its sidecar's log shows (see {@link ProvisionerLog}).
   */
  @Override
  public Set<String> knownOrphans() {
    return ProvisionerLog.leakedVolumes(logs());
  }

  /**
   * Longer than the sandbox's: real controllers resync and retry on their own schedules
   * (external-provisioner starts at 1 s and doubles), and five processes share two cores.
   */
  @Override
  public Timeouts timeouts() {
    Timeouts timeouts = new Timeouts();
    timeouts.setBind("45s");
    timeouts.setPodReady("45s");
    timeouts.setObjectVisible("15s");
    timeouts.setDeletion("45s");
    // external-provisioner retries after 1, 2, 4 s: ten seconds see its first three retries.
    timeouts.setRefusalSettle("10s");
    timeouts.setRun("5m");
    return timeouts;
  }

  /**
   * Breaks the real world as the faults say, until the returned handle is closed: driver-down stops
   * the driver's container (the sidecar then loses it and restarts, waiting for its socket),
   * bad-credentials restarts it with S3 keys the S3 server does not know, quota-exhausted puts a
   * ResourceQuota that allows no PVCs into the runs' namespace (the real API server's ResourceQuota
   * admission then refuses every PVC).
   */
  public Injection inject(Set<Fault> faults) {
    if (faults.contains(Fault.QUOTA_EXHAUSTED)) {
      exhaustQuota();
    }
    if (faults.contains(Fault.DRIVER_DOWN)) {
      driver.stopDriver();
    } else if (faults.contains(Fault.BAD_CREDENTIALS)) {
      driver.startDriver("AKIDNOTKNOWN", "wrong-secret");
    }
    return () -> {
      admin.resourceQuotas().inNamespace(NAMESPACE).withName(ExhaustedQuota.NAME).delete();
      driver.startDriver(driverCredentials.accessKeyId(), driverCredentials.secretAccessKey());
    };
  }

  /**
   * The quota, once the resourcequota controller has computed its usage: until then the admission
   * plugin refuses with "status unknown for quota" instead of "exceeded quota".
   */
  private void exhaustQuota() {
    admin.resourceQuotas().inNamespace(NAMESPACE).resource(ExhaustedQuota.in(NAMESPACE)).create();
    admin
        .resourceQuotas()
        .inNamespace(NAMESPACE)
        .withName(ExhaustedQuota.NAME)
        .waitUntilCondition(
            q ->
                q != null
                    && q.getStatus() != null
                    && q.getStatus().getHard() != null
                    && !q.getStatus().getHard().isEmpty(),
            INSTALL_LIMIT.toSeconds(),
            TimeUnit.SECONDS);
  }

  /** Undoes an {@link #inject injection}: the driver runs again with the right keys. */
  public interface Injection extends AutoCloseable {
    @Override
    void close();
  }

  /** The binaries this world runs, with their versions. */
  public RealWorldBinaries binaries() {
    return binaries;
  }

  /** Fails, with the end of the component's log, when a process of the real world has died. */
  public void assertAlive() {
    controlPlane.assertAlive();
    driver.assertAlive();
  }

  /** The API server's audit log: what every client, the operator included, really asked of it. */
  public AuditLog auditLog() {
    return new AuditLog(controlPlane.auditLog());
  }

  /** Who the operator is to the API server: the chart's ServiceAccount. */
  public String operatorUserName() {
    return "system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + serviceAccount;
  }

  /** Where the components' logs are, for a failed test to point at. */
  public Path logs() {
    return directory.resolve("logs");
  }

  @Override
  public void close() {
    operatorClients.forEach(KubernetesClient::close);
    node.close();
    driver.close();
    admin.close();
    controlPlane.close();
    s3.close();
  }
}
