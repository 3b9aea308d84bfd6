package dev.s3csi.validator.harness;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.cli.OperatorCommand;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.sandbox.ChaosDispatcher;
import dev.s3csi.validator.sandbox.ExhaustedQuota;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.ForeignObjects;
import dev.s3csi.validator.sandbox.S3Keys;
import dev.s3csi.validator.sandbox.SandboxOptions;
import dev.s3csi.validator.sandbox.SimulatedCluster;
import dev.s3csi.validator.sandbox.Timeline;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@link SimulatedCluster} as a {@link World}: the validator's namespace and S3 Secret created
 * as an administrator would, and the real operator started against it, each on a client of its own
 * (as a restarted operator pod has) that the cluster's chaos can disturb.
 */
public final class Sandbox implements World {
  private final SimulatedCluster cluster;
  private final S3Client validatorS3;
  private final List<ValidatorOperator> operators = new CopyOnWriteArrayList<>();

  private Sandbox(SimulatedCluster cluster) {
    this.cluster = cluster;
    S3Keys keys = cluster.options().usersKeys();
    this.validatorS3 = cluster.s3(keys);
    KubernetesClient admin = cluster.client();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    admin.secrets().inNamespace(NAMESPACE).resource(World.credentialsSecret(keys)).create();
    if (cluster.options().faults().contains(Fault.QUOTA_EXHAUSTED)) {
      // Put where an administrator would: the runs' namespace, before any run starts.
      admin.resourceQuotas().inNamespace(NAMESPACE).resource(ExhaustedQuota.in(NAMESPACE)).create();
    }
  }

  public static Sandbox start(SandboxOptions options) {
    return new Sandbox(
        SimulatedCluster.start(
            options, OperatorCommand.USER_AGENT, new Timeline(Sandbox::ownerOf)));
  }

  /** The run an object belongs to, by the labels the validator gives what it creates. */
  private static Optional<Timeline.Owner> ownerOf(HasMetadata object) {
    return RunLabels.runOf(object)
        .map(
            run ->
                new Timeline.Owner(
                    run.name(),
                    object.getMetadata().getLabels() == null
                        ? null
                        : object.getMetadata().getLabels().get(RunLabels.SCENARIO)));
  }

  @Override
  public KubernetesClient client() {
    return cluster.client();
  }

  @Override
  public URI s3Endpoint() {
    return cluster.s3Endpoint();
  }

  /** The API server's fault injection and record of the operator's writes. */
  public ChaosDispatcher chaos() {
    return cluster.chaos();
  }

  /** Other workloads' objects the API server holds beside the runs', for the scale tests. */
  public ForeignObjects foreignObjects() {
    return cluster.foreignObjects();
  }

  /** What the simulated driver and kubelet did to runs' objects, and when. */
  public Timeline timeline() {
    return cluster.timeline();
  }

  /**
   * S3 goes away: connections to its port are refused until {@link #startS3()}. Objects are kept.
   */
  public void stopS3() {
    cluster.stopS3();
  }

  /** S3 is back, on the same port, with what it held. */
  public void startS3() {
    cluster.startS3();
  }

  /**
   * The operator with these settings, on a client of its own: the cluster's chaos tells its
   * requests by their user agent. It stops when it is closed or, at the latest, with the sandbox.
   */
  @Override
  public ValidatorOperator startOperator(OperatorSettings settings) {
    ValidatorOperator operator =
        new ValidatorOperator(
            cluster.newClient(OperatorCommand.USER_AGENT), settings, Clock.systemUTC());
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
    return cluster.bucketNames();
  }

  @Override
  public ClusterInfo info() {
    return new ClusterInfo(
        "sandbox",
        null,
        "simulated "
            + SimulatedCluster.driverName()
            + " (profile "
            + cluster.options().profile().cliName()
            + ")",
        null);
  }

  /** The buckets the orphan-bucket fault left: what a run must list in status.leakedBuckets. */
  @Override
  public Set<String> knownOrphans() {
    return cluster.knownOrphans();
  }

  /** The sandbox S3 as the validator sees it, for tests that inspect buckets directly. */
  public S3Client s3() {
    return validatorS3;
  }

  @Override
  public void close() {
    // Stopping twice is harmless: JOSDK's Operator.stop() does nothing more on a stopped operator.
    operators.forEach(ValidatorOperator::close);
    validatorS3.close();
    cluster.close();
  }
}
