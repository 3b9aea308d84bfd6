package dev.s3csi.validator.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Other workloads' PVs and Events, in the numbers of a production cluster: what the operator must
 * not pay for. The mock API server's CRUD store matches every stored object against every request
 * (linearly, on one thread), so tens of thousands of objects there would slow every request of the
 * benchmark, and loading them one POST at a time would take the square of that. A real API server
 * serves reads from an indexed watch cache instead. So they are held here, beside the store, as the
 * JSON the API server would send, and served as the real one serves them:
 *
 * <ul>
 *   <li>a list of PVs, or of Events in all namespaces or in one, holds them (before the store's
 *       objects), a page at a time when the client asks for pages ({@code limit}, {@code
 *       continue}); the last page carries the store's objects and its resourceVersion, so that a
 *       watch started from it misses nothing of the store;
 *   <li>a GET by name finds them;
 *   <li>they never change, so watches, which go to the store, announce nothing of them.
 * </ul>
 *
 * A list with a label or field selector gets none of them: they carry no labels, and the sandbox's
 * own lists select by labels of the validator. Their names and namespaces start with {@link
 * #PREFIX}, which nothing of the validator's uses.
 */
public final class ForeignObjects extends Dispatcher {
  public static final String PREFIX = "tenant-";

  /** Namespaces the Events are spread over, as a cluster's workloads are. */
  public static final int NAMESPACES = 10;

  static final int EVENTS_PER_VOLUME = 5;

  private static final Pattern VOLUMES =
      Pattern.compile("^/api/v1/persistentvolumes(?:/([^/]+))?$");
  private static final Pattern EVENTS =
      Pattern.compile("^/api/v1(?:/namespaces/([^/]+))?/events(?:/([^/]+))?$");

  private final Dispatcher delegate;
  private final List<String> volumes = new CopyOnWriteArrayList<>();
  private final Map<String, String> volumeByName = new ConcurrentHashMap<>();
  private final Map<String, List<String>> eventsByNamespace = new ConcurrentHashMap<>();
  private final Map<String, String> eventByKey = new ConcurrentHashMap<>();
  private volatile List<String> allEvents = List.of();
  private final AtomicInteger partialPages = new AtomicInteger();

  ForeignObjects(Dispatcher delegate) {
    this.delegate = delegate;
  }

  /**
   * Adds {@code volumes} bound PVs of the S3 driver (another team's StorageClass and claims,
   * buckets of their own) and five Events for each (pods pulling images, being scheduled), spread
   * over {@link #NAMESPACES} namespaces.
   */
  public void fill(int count) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, List<String>> events = new HashMap<>();
    List<String> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String namespace = PREFIX + (i % NAMESPACES);
      String claim = "data-" + PREFIX + "app-" + i;
      String bucket = "csi-s3-" + UUID.randomUUID();
      String name = PREFIX + "pv-" + UUID.randomUUID();
      String volume =
          Serialization.asJson(
              new PersistentVolumeBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withUid(UUID.randomUUID().toString())
                  .withResourceVersion("1")
                  .withCreationTimestamp(now.toString())
                  .addToAnnotations("pv.kubernetes.io/provisioned-by", SimulatedDriver.NAME)
                  .addToFinalizers("kubernetes.io/pv-protection")
                  .endMetadata()
                  .withNewSpec()
                  .withStorageClassName(PREFIX + "s3")
                  .withAccessModes("ReadWriteMany")
                  .withCapacity(Map.of("storage", new Quantity("10Gi")))
                  .withPersistentVolumeReclaimPolicy("Delete")
                  .withNewClaimRef()
                  .withKind("PersistentVolumeClaim")
                  .withNamespace(namespace)
                  .withName(claim)
                  .withUid(UUID.randomUUID().toString())
                  .endClaimRef()
                  .withNewCsi()
                  .withDriver(SimulatedDriver.NAME)
                  .withVolumeHandle(bucket)
                  .withVolumeAttributes(Map.of("bucketName", bucket))
                  .endCsi()
                  .endSpec()
                  .withNewStatus()
                  .withPhase("Bound")
                  .endStatus()
                  .build());
      volumes.add(volume);
      volumeByName.put(name, volume);
      String pod = PREFIX + "app-" + i + "-" + Integer.toHexString(i * 7919);
      String[][] happenings = {
        {"Scheduled", "default-scheduler", "Successfully assigned " + namespace + "/" + pod},
        {"Pulling", "kubelet", "Pulling image \"registry.example.com/team/app:1.4.2\""},
        {"Pulled", "kubelet", "Successfully pulled image \"registry.example.com/team/app:1.4.2\""},
        {"Created", "kubelet", "Created container app"},
        {"Started", "kubelet", "Started container app"}
      };
      for (String[] happening : happenings) {
        String eventName = pod + "." + Long.toHexString(UUID.randomUUID().getMostSignificantBits());
        String event =
            Serialization.asJson(
                new EventBuilder()
                    .withNewMetadata()
                    .withName(eventName)
                    .withNamespace(namespace)
                    .withUid(UUID.randomUUID().toString())
                    .withResourceVersion("1")
                    .withCreationTimestamp(now.toString())
                    .endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion("v1")
                    .withKind("Pod")
                    .withNamespace(namespace)
                    .withName(pod)
                    .withUid(UUID.randomUUID().toString())
                    .endInvolvedObject()
                    .withType("Normal")
                    .withReason(happening[0])
                    .withMessage(happening[2])
                    .withNewSource()
                    .withComponent(happening[1])
                    .withHost("node-" + i % 50)
                    .endSource()
                    .withFirstTimestamp(now.toString())
                    .withLastTimestamp(now.toString())
                    .withCount(1)
                    .build());
        events.computeIfAbsent(namespace, n -> new ArrayList<>()).add(event);
        all.add(event);
        eventByKey.put(namespace + "/" + eventName, event);
      }
    }
    events.forEach(
        (namespace, list) ->
            eventsByNamespace.merge(
                namespace,
                list,
                (a, b) -> {
                  List<String> merged = new ArrayList<>(a);
                  merged.addAll(b);
                  return merged;
                }));
    List<String> merged = new ArrayList<>(allEvents);
    merged.addAll(all);
    allEvents = List.copyOf(merged);
  }

  public int volumes() {
    return volumes.size();
  }

  public int events() {
    return allEvents.size();
  }

  /** Pages served with more to come: how many times a client asked for a list in pages. */
  public int partialPages() {
    return partialPages.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!"GET".equals(request.getMethod()) || (volumes.isEmpty() && allEvents.isEmpty())) {
      return delegate.dispatch(request);
    }
    String[] pathAndQuery = request.getPath().split("\\?", 2);
    Map<String, String> query = query(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
    if (query.containsKey("watch")
        || query.containsKey("labelSelector")
        || query.containsKey("fieldSelector")) {
      return delegate.dispatch(request);
    }
    Matcher volume = VOLUMES.matcher(pathAndQuery[0]);
    if (volume.matches()) {
      return volume.group(1) == null
          ? list(request, query, "PersistentVolumeList", volumes)
          : get(request, volumeByName.get(volume.group(1)));
    }
    Matcher event = EVENTS.matcher(pathAndQuery[0]);
    if (event.matches()) {
      String namespace = event.group(1);
      if (event.group(2) != null) {
        return get(request, eventByKey.get(namespace + "/" + event.group(2)));
      }
      List<String> foreign =
          namespace == null ? allEvents : eventsByNamespace.getOrDefault(namespace, List.of());
      return list(request, query, "EventList", foreign);
    }
    return delegate.dispatch(request);
  }

  private MockResponse get(RecordedRequest request, String foreign) {
    return foreign == null
        ? delegate.dispatch(request)
        : new MockResponse().setResponseCode(200).setBody(foreign);
  }

  /**
   * A page of the foreign objects from the offset the continue token names; the last page adds the
   * store's answer to the same request.
   */
  private MockResponse list(
      RecordedRequest request, Map<String, String> query, String kind, List<String> foreign) {
    MockResponse stored = delegate.dispatch(request);
    if (stored.code() != 200) {
      return stored;
    }
    JsonNode storedList = Serialization.unmarshal(stored.getBody().readUtf8(), JsonNode.class);
    int offset = number(query.get("continue"));
    long limit = number(query.get("limit"));
    int end = limit <= 0 ? foreign.size() : (int) Math.min(foreign.size(), offset + limit);
    boolean last = end >= foreign.size();
    StringBuilder body = new StringBuilder(64 + (end - offset) * 1024);
    body.append("{\"apiVersion\":\"v1\",\"kind\":\"")
        .append(kind)
        .append("\",\"metadata\":{\"resourceVersion\":")
        .append(storedList.path("metadata").path("resourceVersion"));
    if (!last) {
      body.append(",\"continue\":\"").append(end).append('"');
      partialPages.incrementAndGet();
    }
    body.append("},\"items\":[");
    String separator = "";
    for (String item : foreign.subList(offset, end)) {
      body.append(separator).append(item);
      separator = ",";
    }
    if (last) {
      for (JsonNode item : storedList.path("items")) {
        body.append(separator).append(item);
        separator = ",";
      }
    }
    body.append("]}");
    return new MockResponse().setResponseCode(200).setBody(body.toString());
  }

  private static int number(String value) {
    return value == null || value.isBlank() ? 0 : Integer.parseInt(value);
  }

  private static Map<String, String> query(String query) {
    Map<String, String> values = new HashMap<>();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        String[] kv = pair.split("=", 2);
        values.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return values;
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
