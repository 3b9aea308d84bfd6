package dev.s3csi.validator.sandbox;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;

/**
 * The mock API server's CRUD dispatcher behind an admission step for ProvisioningValidations:
 * creates, updates and patches of the main resource (not of its status subresource) are checked by
 * the {@link AdmissionEmulator} and refused with 422 Invalid, as a real API server does, before
 * anything is stored.
 */
final class AdmissionDispatcher extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLLECTION =
      "/apis/"
          + ProvisioningValidation.GROUP
          + "/"
          + ProvisioningValidation.VERSION
          + "/namespaces/";
  private static final String PLURAL = "/provisioningvalidations";
  private static final int UNPROCESSABLE = 422;

  private final KubernetesCrudDispatcher crud;
  private final AdmissionEmulator emulator;
  private final String kind;

  AdmissionDispatcher(KubernetesCrudDispatcher crud, CustomResourceDefinition crd) {
    this.crud = crud;
    this.emulator = new AdmissionEmulator(crd);
    this.kind = crd.getSpec().getNames().getKind() + "." + crd.getSpec().getGroup();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath().split("\\?", 2)[0];
    if (!isValidationWrite(request.getMethod(), path)) {
      return crud.dispatch(request);
    }
    try {
      JsonNode old = "POST".equals(request.getMethod()) ? null : stored(path);
      if (old == null && !"POST".equals(request.getMethod())) {
        return crud.dispatch(request);
      }
      JsonNode object =
          "PATCH".equals(request.getMethod())
              ? patched(
                  old, request.getHeader("Content-Type"), JSON.readTree(RequestBodies.of(request)))
              : JSON.readTree(RequestBodies.of(request));
      List<AdmissionEmulator.Violation> violations = emulator.validate(object, old);
      return violations.isEmpty() ? crud.dispatch(request) : invalid(object, violations);
    } catch (Exception e) {
      return new MockResponse()
          .setResponseCode(400)
          .setBody(
              status(
                  400,
                  "BadRequest",
                  "cannot read the request: " + e.getMessage(),
                  null,
                  List.of()));
    }
  }

  private static boolean isValidationWrite(String method, String path) {
    if (!path.startsWith(COLLECTION) || path.endsWith("/status")) {
      return false;
    }
    String rest = path.substring(COLLECTION.length());
    int slash = rest.indexOf('/');
    String resource = slash < 0 ? "" : rest.substring(slash);
    return ("POST".equals(method) && resource.equals(PLURAL))
        || (("PUT".equals(method) || "PATCH".equals(method)) && resource.startsWith(PLURAL + "/"));
  }

  private JsonNode stored(String path) throws Exception {
    MockResponse response = crud.handleGet(path);
    return response.code() == 200 ? JSON.readTree(response.getBody().readUtf8()) : null;
  }

  /** The object a patch would produce, to admit it before the patch is applied. */
  private static JsonNode patched(JsonNode old, String contentType, JsonNode patch) {
    if (contentType != null && contentType.startsWith("application/json-patch+json")) {
      return JsonPatch.apply(patch, old);
    }
    return mergePatch(old.deepCopy(), patch);
  }

  /** RFC 7386 JSON merge patch. */
  private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  private MockResponse invalid(JsonNode object, List<AdmissionEmulator.Violation> violations) {
    String name = object.path("metadata").path("name").asText();
    String causes = violations.stream().map(Object::toString).collect(Collectors.joining(", "));
    String message =
        kind
            + " \""
            + name
            + "\" is invalid: "
            + (violations.size() == 1 ? causes : "[" + causes + "]");
    return new MockResponse()
        .setResponseCode(UNPROCESSABLE)
        .setBody(status(UNPROCESSABLE, "Invalid", message, name, violations));
  }

  private static String status(
      int code,
      String reason,
      String message,
      String name,
      List<AdmissionEmulator.Violation> violations) {
    return Serialization.asJson(
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message)
            .withNewDetails()
            .withName(name)
            .withGroup(ProvisioningValidation.GROUP)
            .withKind("provisioningvalidations")
            .withCauses(
                violations.stream()
                    .map(
                        v ->
                            new StatusCauseBuilder()
                                .withField(v.field())
                                .withMessage(v.detail())
                                .withReason("FieldValueInvalid")
                                .build())
                    .toList())
            .endDetails()
            .build());
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }
}
