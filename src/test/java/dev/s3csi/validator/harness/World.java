package dev.s3csi.validator.harness;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.sandbox.ForeignObjects;
import dev.s3csi.validator.sandbox.S3Keys;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A cluster the operator runs against, with an S3 server, a driver and a node: the {@link Sandbox}
 * (everything simulated in this JVM) or the real world (a real control plane, the real
 * external-provisioner and Scality driver controller). The demo and the end-to-end tests run the
 * same validations on either. Runs go into {@link #NAMESPACE}, whose Secret {@link #SECRET} holds
 * the S3 keys the validator uses.
 */
public interface World extends AutoCloseable {
  String NAMESPACE = "pval-demo";
  String SECRET = "s3-credentials";

  /**
   * The cluster as its administrator sees it: the person who installed the driver and the chart.
   */
  KubernetesClient client();

  /** The operator, started with these settings, under the identity it has in this world. */
  ValidatorOperator startOperator(OperatorSettings settings);

  /** The operator with the settings of a default installation. */
  default ValidatorOperator startOperator() {
    return startOperator(new OperatorSettings(Set.of(), OperatorSettings.DEFAULT_PROBE_IMAGE));
  }

  /** The Secret runs reference ({@link #SECRET} in {@link #NAMESPACE}), holding these keys. */
  static Secret credentialsSecret(S3Keys keys) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(SECRET)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withData(keys.secretData())
        .build();
  }

  /** What this world is made of, as the demo reports it. */
  ClusterInfo info();

  URI s3Endpoint();

  /** The S3 bucket names that exist now, seen with the administrator's keys. */
  List<String> bucketNames();

  /**
   * Buckets the driver leaked, known from outside the validator (a fault made them on purpose, or
   * the driver's own logs show it made them): no run may delete them, since nothing proves the run
   * caused them, and every run must report them. The audit counts them apart.
   */
  Set<String> knownOrphans();

  /**
   * Deadlines short enough for a fault to surface soon, long enough for this world on a loaded
   * 2-core machine.
   */
  Timeouts timeouts();

  /** A run of the given scenarios (all for an empty list) with this world's deadlines and S3. */
  default ProvisioningValidation validation(String name, List<ScenarioName> scenarios) {
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setName(name);
    run.getMetadata().setNamespace(NAMESPACE);
    ValidationSpec spec = new ValidationSpec();
    // All scenarios is the field left out: admission refuses an empty list.
    spec.setScenarios(scenarios.isEmpty() ? null : scenarios);
    spec.setTimeouts(timeouts());
    run.setSpec(spec);
    fillS3(run);
    return run;
  }

  /** Points a run at this world's S3 unless it names an S3 endpoint of its own. */
  default void fillS3(ProvisioningValidation run) {
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
   * it, and replaces an endpoint it names (a file written for a real cluster): this world has no
   * other S3 to reach.
   *
   * @return what was changed, for the user; empty when nothing was
   */
  @SuppressWarnings("unchecked")
  default Optional<String> pointAtThisS3(GenericKubernetesResource run) {
    Object spec =
        run.getAdditionalProperties()
            .computeIfAbsent("spec", key -> new LinkedHashMap<String, Object>());
    if (!(spec instanceof Map<?, ?> map)) {
      return Optional.empty();
    }
    Object s3Spec = map.get("s3");
    if (s3Spec == null) {
      ((Map<String, Object>) map)
          .put(
              "s3",
              Map.of(
                  "endpoint",
                  s3Endpoint().toString(),
                  "credentialsSecretRef",
                  Map.of("name", SECRET)));
      return Optional.of(
          "spec.s3 was absent: this cluster's S3 at " + s3Endpoint() + " with Secret " + SECRET);
    }
    if (s3Spec instanceof Map<?, ?> s3Map
        && s3Map.get("endpoint") != null
        && !s3Endpoint().toString().equals(s3Map.get("endpoint"))) {
      Object written = ((Map<String, Object>) s3Map).put("endpoint", s3Endpoint().toString());
      return Optional.of(
          "spec.s3.endpoint " + written + " is this cluster's S3 at " + s3Endpoint() + " here");
    }
    return Optional.empty();
  }

  /**
   * How long a PV that is being reclaimed (Released, or Terminating under external-provisioner's
   * finalizer) may take to go before the audit counts it: a DeleteVolume that met an outage is
   * retried by external-provisioner with backoff, and the PV goes with the retry that succeeds,
   * seconds after the run ended. A PV still there after this is left behind.
   */
  Duration VOLUMES_SETTLE = Duration.ofSeconds(15);

  private List<PersistentVolume> awaitVolumesReclaimed(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      List<PersistentVolume> volumes =
          client().persistentVolumes().list().getItems().stream()
              .filter(pv -> !pv.getMetadata().getName().startsWith(ForeignObjects.PREFIX))
              .toList();
      boolean reclaiming =
          volumes.stream()
              .anyMatch(
                  pv ->
                      pv.getMetadata().getDeletionTimestamp() != null
                          || (pv.getStatus() != null
                              && "Released".equals(pv.getStatus().getPhase())));
      if (!reclaiming || System.nanoTime() >= deadline) {
        return volumes;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return volumes;
      }
    }
  }

  /**
   * What runs left behind: PVCs, pods and StorageClasses of ours, every PV but other workloads'
   * ({@link ForeignObjects}), every bucket. Buckets a fault made on purpose are counted apart: the
   * validator must report them (status.leakedBuckets) and must not delete them, as nothing proves
   * it caused them.
   */
  default Audit audit() {
    List<PersistentVolume> volumes = awaitVolumesReclaimed(VOLUMES_SETTLE);
    KubernetesClient client = client();
    List<String> buckets = bucketNames();
    Set<String> orphans = knownOrphans();
    return new Audit(
        client
            .persistentVolumeClaims()
            .inAnyNamespace()
            .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER)
            .list()
            .getItems()
            .size(),
        volumes.size(),
        client
            .pods()
            .inAnyNamespace()
            .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER)
            .list()
            .getItems()
            .size(),
        client
            .storage()
            .v1()
            .storageClasses()
            .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER)
            .list()
            .getItems()
            .size(),
        (int) buckets.stream().filter(b -> !orphans.contains(b)).count(),
        (int) buckets.stream().filter(orphans::contains).count());
  }

  @Override
  void close();
}
