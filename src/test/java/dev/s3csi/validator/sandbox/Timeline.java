package dev.s3csi.validator.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.kube.RunLabels.RunRef;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What the simulated driver and kubelet did to a run's objects, and when ({@link System#nanoTime}):
 * the state changes a run's steps await (a PVC bound, a provisioning refused, a probe pod finished,
 * a PV deleted), each recorded once the API server has applied it, and the latency the slow fault
 * injected into each stage. The benchmark measures the operator against these.
 */
public final class Timeline {
  /** The kinds of state change the simulator makes that a run's steps await. */
  public enum ChangeKind {
    /** A PVC bound to its PV. */
    BOUND,
    /** The first Warning ProvisioningFailed about a PVC. */
    REFUSED,
    /** A probe pod Succeeded or Failed. */
    POD_FINISHED,
    /** The driver deleted the PV of a deleted PVC. */
    VOLUME_DELETED
  }

  /** One state change a step awaits, made by the simulator to the named object. */
  public record Change(RunRef run, ChangeKind kind, String object, long nanos) {}

  /** The stages the slow fault delays, each a separate wait on a scenario's path. */
  public enum Stage {
    PROVISION,
    MOUNT,
    DELETE
  }

  /** One injected delay, on one object of one run's scenario. */
  public record Delay(RunRef run, String scenario, Stage stage) {}

  private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
  private final Queue<Delay> delays = new ConcurrentLinkedQueue<>();

  /**
   * Records a change, once the API server has applied it, if it belongs to a run.
   *
   * @param owner the run's object the change is about, or that led to it (the PVC of a deleted PV)
   * @param object the name of the object that changed
   */
  void changed(HasMetadata owner, ChangeKind kind, String object) {
    long now = System.nanoTime();
    RunLabels.runOf(owner).ifPresent(run -> changes.add(new Change(run, kind, object, now)));
  }

  void delayed(HasMetadata object, Stage stage) {
    Optional<RunRef> run = RunLabels.runOf(object);
    String scenario =
        object.getMetadata().getLabels() == null
            ? null
            : object.getMetadata().getLabels().get(RunLabels.SCENARIO);
    run.ifPresent(r -> delays.add(new Delay(r, scenario, stage)));
  }

  public List<Change> changes() {
    return List.copyOf(changes);
  }

  public List<Delay> delays() {
    return List.copyOf(delays);
  }
}
