package dev.s3csi.validator.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

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

  /** One state change a step awaits, made by the simulator to the named object of a run. */
  public record Change(String run, ChangeKind kind, String object, long nanos) {}

  /** The stages the slow fault delays, each a separate wait on a scenario's path. */
  public enum Stage {
    PROVISION,
    MOUNT,
    DELETE
  }

  /** One injected delay, on one object of one run's scenario. */
  public record Delay(String run, String scenario, Stage stage) {}

  /** The run and scenario an object belongs to, as whoever created it labelled them. */
  public record Owner(String run, String scenario) {}

  private final Function<HasMetadata, Optional<Owner>> ownerOf;
  private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
  private final Queue<Delay> delays = new ConcurrentLinkedQueue<>();

  /**
   * @param ownerOf which run an object belongs to: the simulator does not know how runs label their
   *     objects, the harness does
   */
  public Timeline(Function<HasMetadata, Optional<Owner>> ownerOf) {
    this.ownerOf = ownerOf;
  }

  /** A timeline for a world whose objects belong to no run it follows: it records nothing. */
  static Timeline anonymous() {
    return new Timeline(object -> Optional.empty());
  }

  /**
   * Records a change, once the API server has applied it, if it belongs to a run.
   *
   * @param owner the run's object the change is about, or that led to it (the PVC of a deleted PV)
   * @param object the name of the object that changed
   */
  void changed(HasMetadata owner, ChangeKind kind, String object) {
    long now = System.nanoTime();
    ownerOf.apply(owner).ifPresent(o -> changes.add(new Change(o.run(), kind, object, now)));
  }

  void delayed(HasMetadata object, Stage stage) {
    ownerOf.apply(object).ifPresent(o -> delays.add(new Delay(o.run(), o.scenario(), stage)));
  }

  public List<Change> changes() {
    return List.copyOf(changes);
  }

  public List<Delay> delays() {
    return List.copyOf(delays);
  }
}
