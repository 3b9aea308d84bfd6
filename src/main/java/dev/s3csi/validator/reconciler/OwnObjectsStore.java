package dev.s3csi.validator.reconciler;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * An informer's store that keeps the objects a run can concern, whole, and nothing of the others.
 * The PV and Event informers cannot be narrowed at the API server (see {@link
 * dev.s3csi.validator.kube.OwnObjects}): they receive every PV and every Event of the watched
 * namespaces, and with the default store would keep every one, so that the operator's heap grew
 * with the cluster instead of with its runs.
 *
 * <p>Every other object gets the one key {@link #FOREIGN}, under which nothing is stored. A key of
 * its own would not do: the informer's cache indexes by namespace every key it is given, and a key
 * this store holds nothing for would stay in that index after its object is deleted (the cache
 * cleans the index only for what the store gives back). With the shared key the index holds one
 * entry per namespace, however many objects. The informer announces each foreign object as added
 * (it finds no earlier version of it), and the event source maps it to no run: a foreign object
 * costs its decoding, not memory.
 *
 * <p>A store serves one informer: JOSDK gives an event source's store to each of its per-namespace
 * informers, and one informer's relist would drop the others' objects, so a source with a store
 * must watch a single namespace or all of them.
 */
final class OwnObjectsStore<R extends HasMetadata> implements ItemStore<R> {
  static final String FOREIGN = "";

  private final Predicate<R> own;
  private final ConcurrentMap<String, R> items = new ConcurrentHashMap<>();

  OwnObjectsStore(Predicate<R> own) {
    this.own = own;
  }

  @Override
  public String getKey(R object) {
    return own.test(object) ? Cache.metaNamespaceKeyFunc(object) : FOREIGN;
  }

  @Override
  public R put(String key, R object) {
    return FOREIGN.equals(key) ? null : items.put(key, object);
  }

  @Override
  public R remove(String key) {
    return FOREIGN.equals(key) ? null : items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<R> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public R get(String key) {
    return items.get(key);
  }
}
