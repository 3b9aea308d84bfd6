package dev.s3csi.validator.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.ProvisioningValidation;

/** Runs as the documents a client sends, for tests that break one field at a time. */
public final class RunDocuments {
  private RunDocuments() {}

  /** A run that admission accepts, with a value in most of the spec's sections. */
  public static Map<String, Object> admissible(String name) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("apiVersion", ProvisioningValidation.GROUP + "/" + ProvisioningValidation.VERSION);
    run.put("kind", "ProvisioningValidation");
    run.put("metadata", new LinkedHashMap<>(Map.of("name", name, "namespace", Sandbox.NAMESPACE)));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("scenarios", new ArrayList<>(List.of("dedicatedBucket")));
    spec.put(
        "s3",
        new LinkedHashMap<>(
            Map.of(
                "endpoint",
                "http://s3.local:8000",
                "credentialsSecretRef",
                new LinkedHashMap<>(Map.of("name", "s3-credentials")))));
    spec.put("timeouts", new LinkedHashMap<>(Map.of("bind", "30s", "run", "10m")));
    spec.put(
        "probe",
        new LinkedHashMap<>(
            Map.of("runAsUser", 65532, "fileSizes", new ArrayList<>(List.of(0, 4096)))));
    spec.put(
        "storageClass",
        new LinkedHashMap<>(Map.of("mountOptions", new ArrayList<>(List.of("debug")))));
    run.put("spec", spec);
    return run;
  }

  /** The object at {@code path} in {@code document}, made empty where it is missing. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> at(Map<String, Object> document, String... path) {
    Map<String, Object> node = document;
    for (String key : path) {
      node =
          (Map<String, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }
    return node;
  }
}
