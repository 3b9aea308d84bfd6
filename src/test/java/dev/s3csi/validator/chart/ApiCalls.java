package dev.s3csi.validator.chart;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Every request the operator and {@code trigger} make to the API server, with the code that makes
 * it: what the chart's RBAC must grant, and nothing more ({@link PermissionsTest}). The real
 * world's audit log checks the other way round: every request the operator made there is listed
 * here (RealWorldEndToEndTest). {@code run} makes the operator's requests under the user's own
 * credentials, plus those in {@link #RUN_EXTRA}; the chart grants it nothing.
 */
public final class ApiCalls {
  /** Where the permission must hold. */
  public enum Scope {
    /** In each watched namespace (all of them without watchNamespaces). */
    NAMESPACED,
    CLUSTER,
    /**
     * Namespace default, where events about cluster-scoped objects (PVs) are written: covered by
     * the namespaced grants without watchNamespaces, a Role of its own with them.
     */
    CLUSTER_EVENTS,
    /** The leader-election Lease, by name, in the release's namespace (replicas > 1). */
    LEASE,
    /** The schedule's namespace, for trigger's own ServiceAccount. */
    TRIGGER
  }

  /**
   * @param resource {@code group/resource[/subresource]}, the core group empty
   * @param where the code that makes the request
   */
  public record Call(Scope scope, String resource, String verb, String where) {}

  private static final String RUNS = "validation.s3csi.dev/provisioningvalidations";

  public static final List<Call> OPERATOR =
      List.of(
          new Call(Scope.NAMESPACED, RUNS, "list", "JOSDK's informer of runs; StartupSweep"),
          new Call(Scope.NAMESPACED, RUNS, "watch", "JOSDK's informer of runs"),
          new Call(
              Scope.NAMESPACED,
              RUNS,
              "get",
              "JOSDK re-reads a run whose finalizer patch or status update met a conflict"),
          new Call(Scope.NAMESPACED, RUNS, "patch", "JOSDK adds and removes its finalizer"),
          new Call(Scope.NAMESPACED, RUNS, "delete", "TtlReaper: finished runs past their TTL"),
          new Call(Scope.NAMESPACED, RUNS + "/status", "update", "StatusWriter (PUT of status)"),
          new Call(
              Scope.NAMESPACED,
              RUNS + "/finalizers",
              "update",
              "OwnedBy: PVCs and pods own-referenced to their run with blockOwnerDeletion"),
          new Call(Scope.NAMESPACED, "/persistentvolumeclaims", "list", "informer; StartupSweep"),
          new Call(Scope.NAMESPACED, "/persistentvolumeclaims", "watch", "informer"),
          new Call(Scope.NAMESPACED, "/persistentvolumeclaims", "create", "ClusterWriter.create"),
          new Call(
              Scope.NAMESPACED, "/persistentvolumeclaims", "delete", "ClusterWriter.deleteClaim"),
          new Call(Scope.NAMESPACED, "/pods", "list", "informer; StartupSweep"),
          new Call(Scope.NAMESPACED, "/pods", "watch", "informer"),
          new Call(Scope.NAMESPACED, "/pods", "create", "ClusterWriter.create (probe pods)"),
          new Call(Scope.NAMESPACED, "/pods", "delete", "ClusterWriter.deletePod"),
          new Call(Scope.NAMESPACED, "/events", "list", "informer: Warning events as evidence"),
          new Call(Scope.NAMESPACED, "/events", "watch", "informer"),
          new Call(Scope.NAMESPACED, "/events", "create", "RunEventRecorder"),
          new Call(
              Scope.CLUSTER_EVENTS,
              "/events",
              "list",
              "InformerClusterView.eventsAbout: a PV's events, when default is not watched"),
          new Call(
              Scope.NAMESPACED,
              "/secrets",
              "get",
              "CredentialsSecret: the run's S3 keys; Preflight: Secrets the StorageClass names"),
          new Call(Scope.CLUSTER, "storage.k8s.io/storageclasses", "list", "informer; sweep"),
          new Call(Scope.CLUSTER, "storage.k8s.io/storageclasses", "watch", "informer"),
          new Call(Scope.CLUSTER, "storage.k8s.io/storageclasses", "create", "StorageClassStep"),
          new Call(
              Scope.CLUSTER,
              "storage.k8s.io/storageclasses",
              "delete",
              "ClusterWriter.deleteStorageClass"),
          new Call(Scope.CLUSTER, "storage.k8s.io/csidrivers", "get", "Preflight"),
          new Call(Scope.CLUSTER, "/persistentvolumes", "list", "informer; StartupSweep"),
          new Call(Scope.CLUSTER, "/persistentvolumes", "watch", "informer"),
          new Call(
              Scope.CLUSTER,
              "/persistentvolumes",
              "get",
              "ClusterWriter.volumeExists: a deletion the cache has not seen after 15 s"),
          new Call(
              Scope.CLUSTER, "/persistentvolumes", "create", "StaticVolumesStep (Static mode)"),
          new Call(
              Scope.CLUSTER,
              "/persistentvolumes",
              "delete",
              "ClusterWriter.deleteVolume: a PV the driver failed to delete"),
          new Call(
              Scope.LEASE,
              "coordination.k8s.io/leases",
              "create",
              "fabric8 LeaseLock, the first replica"),
          new Call(
              Scope.LEASE,
              "coordination.k8s.io/leases",
              "get",
              "fabric8 LeaseLock; JOSDK's start check"),
          new Call(
              Scope.LEASE,
              "coordination.k8s.io/leases",
              "update",
              "JOSDK's start check (LeaderElectionManager.checkLeaseAccess)"),
          new Call(
              Scope.LEASE,
              "coordination.k8s.io/leases",
              "patch",
              "fabric8 LeaseLock renews and takes over the Lease with a patch"));

  public static final List<Call> TRIGGER =
      List.of(
          new Call(Scope.TRIGGER, RUNS, "create", "TriggerCommand: the schedule's next run"),
          new Call(Scope.TRIGGER, RUNS, "get", "RunWaiter"),
          new Call(Scope.TRIGGER, RUNS, "list", "RunWaiter; TriggerCommand: runs to prune"),
          new Call(Scope.TRIGGER, RUNS, "watch", "RunWaiter: until the run finishes"),
          new Call(Scope.TRIGGER, RUNS, "delete", "TriggerCommand: old runs beyond keep-*"));

  /**
   * What {@code run} asks besides the operator's requests (it runs the operator in-process, with
   * the user's credentials): its run, and the CRD when the cluster lacks it.
   */
  public static final List<Call> RUN_EXTRA =
      List.of(
          new Call(Scope.NAMESPACED, RUNS, "create", "RunCommand"),
          new Call(
              Scope.CLUSTER,
              "apiextensions.k8s.io/customresourcedefinitions",
              "create",
              "CrdInstaller, when the CRD is missing"));

  private ApiCalls() {}

  /** The calls of {@code scope} as RBAC groups them: resource → verbs. */
  public static Map<String, Set<String>> grants(List<Call> calls, Scope scope) {
    return grants(calls, c -> c.scope() == scope);
  }

  static Map<String, Set<String>> grants(List<Call> calls, Predicate<Call> which) {
    Map<String, Set<String>> grants = new TreeMap<>();
    calls.stream()
        .filter(which)
        .forEach(c -> grants.computeIfAbsent(c.resource(), k -> new TreeSet<>()).add(c.verb()));
    return grants;
  }
}
