package dev.s3csi.validator.harness;

import java.util.function.Consumer;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * An informer handler for watchers that follow what an object becomes (a run's status, say): each
 * version seen, added or updated, goes to one consumer; deletions are not their concern.
 */
public final class EveryVersion<T> implements ResourceEventHandler<T> {
  private final Consumer<T> seen;

  private EveryVersion(Consumer<T> seen) {
    this.seen = seen;
  }

  public static <T> EveryVersion<T> to(Consumer<T> seen) {
    return new EveryVersion<>(seen);
  }

  @Override
  public void onAdd(T object) {
    seen.accept(object);
  }

  @Override
  public void onUpdate(T before, T object) {
    seen.accept(object);
  }

  @Override
  public void onDelete(T object, boolean finalStateUnknown) {}
}
