package dev.s3csi.validator.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * kube-apiserver's ResourceQuota admission for object counts, which the mock server lacks: a create
 * of a PVC or pod in a namespace whose ResourceQuota's {@code hard} limit on {@code
 * persistentvolumeclaims} or {@code pods} (or {@code count/…}) it would exceed is refused with 403
 * Forbidden and the API server's words ({@code <resource> "<name>" is forbidden: exceeded quota:
 * <quota>, requested: …, used: …, limited: …}, as {@code checkRequest} in
 * k8s.io/apiserver/pkg/admission/plugin/resourcequota writes them). The usage is counted from what
 * is stored, as the resourcequota controller would put it in the quota's status (pods that finished
 * do not count); compute resources ({@code requests.storage}, cpu, memory) are not emulated.
 * Creates are admitted one at a time, as the real plugin serializes them per namespace.
 */
final class QuotaDispatcher extends Dispatcher {
  private static final Pattern CREATE =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/(persistentvolumeclaims|pods)$");
  private static final Set<String> FINISHED_POD_PHASES = Set.of("Succeeded", "Failed");
  private static final int FORBIDDEN = 403;

  private final Dispatcher delegate;
  private final KubernetesCrudDispatcher crud;

  /**
   * @param delegate where every request goes once admitted
   * @param crud the store under it, where quotas and usage are read
   */
  QuotaDispatcher(Dispatcher delegate, KubernetesCrudDispatcher crud) {
    this.delegate = delegate;
    this.crud = crud;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Matcher create = CREATE.matcher(request.getPath().split("\\?", 2)[0]);
    if (!"POST".equals(request.getMethod()) || !create.matches()) {
      return delegate.dispatch(request);
    }
    synchronized (this) {
      return exceeded(create.group(1), create.group(2), RequestBodies.of(request))
          .orElseGet(() -> delegate.dispatch(request));
    }
  }

  private Optional<MockResponse> exceeded(String namespace, String resource, String body) {
    List<ResourceQuota> quotas = quotas(namespace);
    if (quotas.isEmpty()) {
      return Optional.empty();
    }
    long used = used(namespace, resource);
    for (ResourceQuota quota : quotas) {
      Map<String, Quantity> hard =
          quota.getSpec() == null || quota.getSpec().getHard() == null
              ? Map.of()
              : quota.getSpec().getHard();
      for (String key : List.of(resource, "count/" + resource)) {
        Quantity limit = hard.get(key);
        if (limit != null && used + 1 > limit.getNumericalAmount().longValueExact()) {
          String name =
              Serialization.unmarshal(body, GenericKubernetesResource.class)
                  .getMetadata()
                  .getName();
          return Optional.of(
              forbidden(
                  resource,
                  name,
                  "exceeded quota: "
                      + quota.getMetadata().getName()
                      + ", requested: "
                      + key
                      + "=1, used: "
                      + key
                      + "="
                      + used
                      + ", limited: "
                      + key
                      + "="
                      + limit.toString()));
        }
      }
    }
    return Optional.empty();
  }

  private List<ResourceQuota> quotas(String namespace) {
    MockResponse response = crud.handleGet("/api/v1/namespaces/" + namespace + "/resourcequotas");
    if (response.code() != 200) {
      return List.of();
    }
    List<ResourceQuota> items =
        Serialization.unmarshal(response.getBody().readUtf8(), ResourceQuotaList.class).getItems();
    return items == null ? List.of() : new ArrayList<>(items);
  }

  private long used(String namespace, String resource) {
    MockResponse response = crud.handleGet("/api/v1/namespaces/" + namespace + "/" + resource);
    if (response.code() != 200) {
      return 0;
    }
    GenericKubernetesResourceList list =
        Serialization.unmarshal(response.getBody().readUtf8(), GenericKubernetesResourceList.class);
    return list.getItems().stream().filter(item -> !finishedPod(resource, item)).count();
  }

  private static boolean finishedPod(String resource, GenericKubernetesResource item) {
    if (!"pods".equals(resource)) {
      return false;
    }
    Object status = item.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map && FINISHED_POD_PHASES.contains(map.get("phase"));
  }

  private static MockResponse forbidden(String resource, String name, String why) {
    return new MockResponse()
        .setResponseCode(FORBIDDEN)
        .setBody(
            Serialization.asJson(
                new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(FORBIDDEN)
                    .withReason("Forbidden")
                    .withMessage(resource + " \"" + name + "\" is forbidden: " + why)
                    .withNewDetails()
                    .withName(name)
                    .withKind(resource)
                    .endDetails()
                    .build()));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
