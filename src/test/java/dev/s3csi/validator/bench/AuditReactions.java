package dev.s3csi.validator.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.realworld.AuditLog;
import dev.s3csi.validator.sandbox.Timeline.ChangeKind;

import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The reaction latency on the real control plane, from the API server's audit log alone: both
 * instants of every sample are the API server's {@code stageTimestamp} at ResponseComplete, on its
 * clock, neither the operator's nor the benchmark's. The changes a step awaits, made by any user
 * but the operator:
 *
 * <ul>
 *   <li>PVC bound: the first status write that left the PVC {@code Bound}
 *       (kube-controller-manager's PV controller);
 *   <li>probe pod finished: the first status write that left the pod {@code Succeeded} or {@code
 *       Failed} (the simulated kubelet);
 *   <li>PV deleted: the last write to a PV that was deleted, the one after which it was gone (the
 *       removal of its last finalizer, or the DELETE itself when none was left:
 *       external-provisioner or kube-controller-manager), unless the operator made it.
 * </ul>
 *
 * The operator's writes are its status writes of the runs, logged with the status as stored
 * (ControlPlane's audit policy); {@link ReactionLatency#of} ties each change to the one that
 * concluded the step awaiting it. A refusal is a Warning event, which the log holds only as
 * metadata: refusals are not changes here, and the conclusions the settle timer causes are kept
 * apart as in the sandbox.
 */
final class AuditReactions {
  private AuditReactions() {}

  static ReactionLatency measure(
      List<AuditLog.Event> events, String operatorUser, Set<String> measured) {
    List<AuditLog.Event> answered =
        events.stream()
            .filter(AuditLog.Event::succeeded)
            .sorted(Comparator.comparing(AuditLog.Event::completed))
            .toList();
    List<ReactionLatency.StatusWrite> statusWrites = new ArrayList<>();
    Map<String, ReactionLatency.Change> firstBound = new LinkedHashMap<>();
    Map<String, ReactionLatency.Change> firstFinished = new LinkedHashMap<>();
    Map<String, AuditLog.Event> lastVolumeWrite = new HashMap<>();
    Map<String, Boolean> volumeDeleted = new HashMap<>();
    for (AuditLog.Event event : answered) {
      boolean operator = event.user().equals(operatorUser);
      boolean statusWrite =
          "status".equals(event.subresource())
              && Set.of("update", "patch").contains(event.verb())
              && event.stored() != null;
      switch (event.resource()) {
        case "provisioningvalidations" -> {
          if (operator && statusWrite && measured.contains(event.name())) {
            statusWrites.add(
                new ReactionLatency.StatusWrite(
                    event.name(),
                    nanos(event.completed()),
                    Serialization.unmarshal(
                        event.stored().toString(), ProvisioningValidation.class)));
          }
        }
        case "persistentvolumeclaims" -> {
          if (!operator && statusWrite && "Bound".equals(phase(event.stored()))) {
            firstBound.putIfAbsent(event.name(), change(ChangeKind.BOUND, event));
          }
        }
        case "pods" -> {
          if (!operator
              && statusWrite
              && Set.of("Succeeded", "Failed").contains(phase(event.stored()))) {
            firstFinished.putIfAbsent(event.name(), change(ChangeKind.POD_FINISHED, event));
          }
        }
        case "persistentvolumes" -> {
          if (Set.of("create", "update", "patch", "delete").contains(event.verb())) {
            lastVolumeWrite.put(event.name(), event);
            volumeDeleted.merge(event.name(), "delete".equals(event.verb()), Boolean::logicalOr);
          }
        }
        default -> {}
      }
    }
    List<ReactionLatency.Change> changes = new ArrayList<>(firstBound.values());
    changes.addAll(firstFinished.values());
    lastVolumeWrite.forEach(
        (name, last) -> {
          if (volumeDeleted.get(name) && !last.user().equals(operatorUser)) {
            changes.add(change(ChangeKind.VOLUME_DELETED, last));
          }
        });
    return ReactionLatency.of(changes, statusWrites);
  }

  private static ReactionLatency.Change change(ChangeKind kind, AuditLog.Event event) {
    return new ReactionLatency.Change(kind, event.name(), nanos(event.completed()));
  }

  private static String phase(JsonNode stored) {
    return stored.path("status").path("phase").asText();
  }

  /** Nanoseconds since the epoch: the audit log's timestamps have microseconds. */
  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
