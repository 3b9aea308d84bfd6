package dev.s3csi.validator.lifecycle;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.kube.RunLabels.RunRef;
import dev.s3csi.validator.kube.ScenarioNames;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Before the operator starts: removes what runs that no longer exist left behind. A run's finalizer
 * normally prevents that, but a finalizer removed by hand, a namespace force-deleted or an operator
 * of an older version can leave objects with run labels and no run. Objects are listed before runs,
 * so an object whose run is created meanwhile is never taken for an orphan. A static PV (made by
 * the validator) carries the run labels and is judged like them; one the driver made carries none:
 * a PV from the StorageClass of a vanished run whose PVC is gone is deleted too. Buckets need the
 * vanished run's S3 credentials and are left to the driver (it deletes the bucket of each PVC
 * deleted here) and to the orphan-bucket report.
 */
public final class StartupSweep {
  private static final Logger LOG = LoggerFactory.getLogger(StartupSweep.class);
  private static final Pattern RUN_PREFIX = Pattern.compile("^(pval-[0-9a-f]{8}-)");

  private final KubernetesClient client;
  private final Set<String> namespaces;

  /**
   * @param namespaces the namespaces the operator watches; empty for all
   */
  public StartupSweep(KubernetesClient client, Set<String> namespaces) {
    this.client = client;
    this.namespaces = namespaces;
  }

  /**
   * Sweeps; a sweep that fails (missing RBAC, an API server hiccup) is logged and does not stop the
   * operator from starting: it is a safety net, not a precondition.
   *
   * @return how many objects were deleted
   */
  public int sweep() {
    try {
      return sweepOrThrow();
    } catch (KubernetesClientException e) {
      LOG.warn("startup sweep skipped: {}", e.getMessage());
      return 0;
    }
  }

  private int sweepOrThrow() {
    var pods =
        inScope(
            ns ->
                client
                    .pods()
                    .inNamespace(ns)
                    .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER)
                    .list()
                    .getItems(),
            () ->
                client
                    .pods()
                    .inAnyNamespace()
                    .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER)
                    .list()
                    .getItems());
    var claims =
        inScope(
            ns ->
                client
                    .persistentVolumeClaims()
                    .inNamespace(ns)
                    .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER)
                    .list()
                    .getItems(),
            () ->
                client
                    .persistentVolumeClaims()
                    .inAnyNamespace()
                    .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER)
                    .list()
                    .getItems());
    var storageClasses =
        client
            .storage()
            .v1()
            .storageClasses()
            .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGER)
            .list()
            .getItems();
    var volumes = client.persistentVolumes().list().getItems();
    List<ProvisioningValidation> runs =
        inScope(
            ns -> client.resources(ProvisioningValidation.class).inNamespace(ns).list().getItems(),
            () ->
                client.resources(ProvisioningValidation.class).inAnyNamespace().list().getItems());
    Set<String> liveUids =
        runs.stream().map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
    Set<String> liveNames =
        runs.stream()
            .map(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName())
            .collect(Collectors.toSet());
    Set<String> livePrefixes =
        runs.stream().map(ScenarioNames::runPrefix).collect(Collectors.toSet());

    List<HasMetadata> orphans =
        Stream.of(pods, claims, storageClasses, labelled(volumes))
            .flatMap(List::stream)
            .filter(
                o ->
                    RunLabels.runOf(o)
                        .filter(ref -> isWatched(ref) && !isLive(ref, liveUids, liveNames))
                        .isPresent())
            .map(HasMetadata.class::cast)
            .collect(Collectors.toList());
    Set<String> claimNames =
        claims.stream()
            .map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName())
            .collect(Collectors.toSet());
    volumes.stream()
        .filter(pv -> RunLabels.runOf(pv).isEmpty())
        .filter(pv -> runPrefix(pv).filter(prefix -> !livePrefixes.contains(prefix)).isPresent())
        .filter(
            pv ->
                pv.getSpec().getClaimRef() == null
                    || !claimNames.contains(
                        pv.getSpec().getClaimRef().getNamespace()
                            + "/"
                            + pv.getSpec().getClaimRef().getName()))
        .forEach(orphans::add);
    if (orphans.isEmpty()) {
      return 0;
    }
    LOG.info(
        "startup sweep: deleting {} object(s) of runs that no longer exist: {}",
        orphans.size(),
        orphans.stream()
            .map(o -> o.getKind() + " " + o.getMetadata().getName())
            .collect(Collectors.joining(", ")));
    orphans.forEach(o -> client.resource(o).delete());
    return orphans.size();
  }

  /** The PVs the validator made itself (static provisioning): they carry the run labels. */
  private static List<PersistentVolume> labelled(List<PersistentVolume> volumes) {
    return volumes.stream().filter(pv -> RunLabels.runOf(pv).isPresent()).toList();
  }

  /** Lists in the watched namespaces only, which is all an operator restricted to them may list. */
  private <T> List<T> inScope(
      Function<String, List<T>> inNamespace, Supplier<List<T>> inAnyNamespace) {
    return namespaces.isEmpty()
        ? inAnyNamespace.get()
        : namespaces.stream().flatMap(ns -> inNamespace.apply(ns).stream()).toList();
  }

  private boolean isWatched(RunRef ref) {
    return namespaces.isEmpty() || namespaces.contains(ref.namespace());
  }

  private static boolean isLive(RunRef ref, Set<String> liveUids, Set<String> liveNames) {
    return ref.uid() != null
        ? liveUids.contains(ref.uid())
        : liveNames.contains(ref.namespace() + "/" + ref.name());
  }

  private Optional<String> runPrefix(PersistentVolume pv) {
    String storageClass = pv.getSpec().getStorageClassName();
    if (storageClass == null || !namespaces.isEmpty()) {
      // Without labels, a PV cannot be placed in a namespace: only an operator watching all
      // namespaces may judge it.
      return Optional.empty();
    }
    Matcher matcher = RUN_PREFIX.matcher(storageClass);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
