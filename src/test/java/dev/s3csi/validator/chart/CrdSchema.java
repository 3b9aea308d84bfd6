package dev.s3csi.validator.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/**
 * The CRD's OpenAPI schema as a JSON Schema validator, for CR files the project ships. Stricter
 * than the API server in one respect, on purpose: a field the schema does not know is an error (the
 * server would prune it silently, and the example would lie).
 */
public final class CrdSchema {
  static final Path CRD = Path.of("crds/provisioningvalidations.validation.s3csi.dev-v1.yml");
  private static final YAMLMapper YAML = new YAMLMapper();
  private final JsonSchema schema;

  private CrdSchema(JsonSchema schema) {
    this.schema = schema;
  }

  public static CrdSchema load() {
    try {
      JsonNode crd = YAML.readTree(Files.readString(CRD));
      JsonNode openApi = null;
      for (JsonNode version : crd.path("spec").path("versions")) {
        if ("v1alpha1".equals(version.path("name").asText())) {
          openApi = version.path("schema").path("openAPIV3Schema");
        }
      }
      if (openApi == null || openApi.isMissingNode()) {
        throw new IllegalStateException(CRD + " has no v1alpha1 openAPIV3Schema");
      }
      ObjectNode strict = (ObjectNode) openApi.deepCopy();
      // The root stays open: apiVersion, kind and metadata are the API server's, not in the schema.
      strict.path("properties").forEach(CrdSchema::closeObjects);
      return new CrdSchema(
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Objects with declared properties accept no others, unless they preserve unknown fields. */
  private static void closeObjects(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties")
          && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
      object.properties().forEach(e -> closeObjects(e.getValue()));
    } else if (node != null && node.isArray()) {
      node.forEach(CrdSchema::closeObjects);
    }
  }

  /**
   * @return "path: message" for each violation; empty when the document is a valid run
   */
  public List<String> validate(String yaml) {
    try {
      return schema.validate(YAML.readTree(yaml)).stream()
          .map(m -> m.getMessage())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
