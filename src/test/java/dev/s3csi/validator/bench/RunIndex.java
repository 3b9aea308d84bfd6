package dev.s3csi.validator.bench;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.ScenarioNames;
import dev.s3csi.validator.sandbox.ChaosDispatcher;

/**
 * Tells which of the benchmark's runs a write of the operator concerns: the run's own status and
 * events (named after the run), or one of the objects its scenarios create (named after the run's
 * UID, see {@link ScenarioNames#runPrefix}).
 */
final class RunIndex {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUNS = "provisioningvalidations";
  private final Map<String, String> byPrefix = new ConcurrentHashMap<>();
  private final Map<String, String> byName = new ConcurrentHashMap<>();

  void add(ProvisioningValidation run) {
    byPrefix.put(ScenarioNames.runPrefix(run), run.getMetadata().getName());
    byName.put(run.getMetadata().getName(), run.getMetadata().getName());
  }

  /** The name of the run the write concerns, if it is one of the benchmark's. */
  Optional<String> runOf(ChaosDispatcher.Write write) {
    String[] segments = write.path().split("\\?", 2)[0].split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (RUNS.equals(segments[i])) {
        return Optional.ofNullable(byName.get(segments[i + 1]));
      }
    }
    String object =
        "POST".equals(write.method()) ? createdName(write.body()) : segments[segments.length - 1];
    return object == null ? Optional.empty() : runOfObject(object);
  }

  private Optional<String> runOfObject(String object) {
    String prefix =
        object.startsWith("pval-") && object.length() > 14 ? object.substring(0, 14) : null;
    if (prefix != null && byPrefix.containsKey(prefix)) {
      return Optional.of(byPrefix.get(prefix));
    }
    // An Event on a run is named <run>.<digest>.
    int dot = object.lastIndexOf('.');
    return Optional.ofNullable(byName.get(dot < 0 ? object : object.substring(0, dot)));
  }

  private static String createdName(String body) {
    try {
      JsonNode name = JSON.readTree(body).path("metadata").path("name");
      return name.isTextual() ? name.asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
