package dev.s3csi.validator.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The pods' binding subresource as a real API server has it: {@code POST .../bindings} (or {@code
 * .../pods/<name>/binding}) sets the pod's {@code spec.nodeName}, once; a pod already on a node
 * answers 409. The mock server's CRUD dispatcher would store the Binding as an object of its own
 * and leave the pod unscheduled.
 */
final class BindingDispatcher extends Dispatcher {
  private static final Pattern BINDINGS =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/(?:bindings|pods/([^/]+)/binding)$");

  private final Dispatcher delegate;
  private final KubernetesCrudDispatcher crud;

  /**
   * @param delegate where every other request goes
   * @param crud the store under it, where the pod is read
   */
  BindingDispatcher(Dispatcher delegate, KubernetesCrudDispatcher crud) {
    this.delegate = delegate;
    this.crud = crud;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Matcher binding = BINDINGS.matcher(request.getPath().split("\\?", 2)[0]);
    if (!"POST".equals(request.getMethod()) || !binding.matches()) {
      return delegate.dispatch(request);
    }
    Binding requested = Serialization.unmarshal(request.getUtf8Body(), Binding.class);
    String namespace = binding.group(1);
    String podName =
        binding.group(2) != null ? binding.group(2) : requested.getMetadata().getName();
    String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + podName;
    MockResponse stored = crud.handleGet(podPath);
    if (stored.code() != 200) {
      return status(404, "NotFound", "pods \"" + podName + "\" not found");
    }
    Pod pod = Serialization.unmarshal(stored.getBody().readUtf8(), Pod.class);
    String node = requested.getTarget().getName();
    if (pod.getSpec().getNodeName() != null) {
      return status(
          409,
          "Conflict",
          "Operation cannot be fulfilled on pods/binding \""
              + podName
              + "\": pod "
              + podName
              + " is already assigned to node \""
              + pod.getSpec().getNodeName()
              + "\"");
    }
    String patch = "{\"spec\":{\"nodeName\":\"" + node + "\"}}";
    delegate.dispatch(
        new RecordedRequest(
            "PATCH " + podPath + " HTTP/1.1",
            HttpMethod.PATCH,
            podPath,
            Headers.builder().add("Content-Type", "application/merge-patch+json").build(),
            new Buffer(patch.getBytes(StandardCharsets.UTF_8))));
    return new MockResponse()
        .setResponseCode(201)
        .setBody(
            Serialization.asJson(new StatusBuilder().withStatus("Success").withCode(201).build()));
  }

  private static MockResponse status(int code, String reason, String message) {
    return new MockResponse()
        .setResponseCode(code)
        .setBody(
            Serialization.asJson(
                new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(code)
                    .withReason(reason)
                    .withMessage(message)
                    .build()));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
