package dev.s3csi.validator.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.s3csi.validator.chart.RenderedChart;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** The chart's PrometheusRule, rendered, as the rule file Prometheus and promtool load. */
final class RenderedRules {
  private final JsonNode spec;

  private RenderedRules(JsonNode spec) {
    this.spec = spec;
  }

  static RenderedRules render(Map<String, Object> values) {
    return render(RenderedChart.RELEASE, RenderedChart.NAMESPACE, values);
  }

  static RenderedRules render(String release, String namespace, Map<String, Object> values) {
    Map<String, Object> all = new java.util.HashMap<>(values);
    all.put("metrics.prometheusRule.enabled", true);
    GenericKubernetesResource rule =
        RenderedChart.render(release, namespace, all).objects().stream()
            .filter(o -> "PrometheusRule".equals(o.getKind()))
            .findFirst()
            .orElseThrow();
    return new RenderedRules(
        new ObjectMapper().valueToTree(rule.getAdditionalProperties().get("spec")));
  }

  Path write(Path file) {
    try {
      return Files.writeString(file, yaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As a Prometheus rule file, {@code groups:} at the top, in the block style people edit. */
  String yaml() {
    try {
      return YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          .build()
          .writeValueAsString(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> alerts() {
    List<JsonNode> alerts = new java.util.ArrayList<>();
    spec.path("groups").forEach(group -> group.path("rules").forEach(alerts::add));
    return alerts;
  }
}
