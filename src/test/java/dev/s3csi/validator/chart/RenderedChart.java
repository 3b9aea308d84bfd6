package dev.s3csi.validator.chart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The chart rendered by Helm's own library (helm-java), as objects to assert on. */
public final class RenderedChart {
  public static final Path CHART = Path.of("helm/provisioning-validator");
  public static final String RELEASE = "pv";
  public static final String NAMESPACE = "ops";
  public static final String FULLNAME = fullname(RELEASE);

  /** helm-java defaults to Kubernetes 1.20, below the chart's floor. */
  static final String KUBE_VERSION = "1.34.4";

  private final String yaml;
  private final List<GenericKubernetesResource> objects = new ArrayList<>();

  private RenderedChart(String yaml) {
    this.yaml = yaml;
    for (String document : yaml.split("(?m)^---\\s*$")) {
      GenericKubernetesResource object =
          document.isBlank()
              ? null
              : Serialization.unmarshal(document, GenericKubernetesResource.class);
      if (object != null && object.getKind() != null) {
        objects.add(object);
      }
    }
  }

  /** The name the chart gives its objects (and its ServiceAccount) in a release of that name. */
  public static String fullname(String release) {
    return release + "-provisioning-validator";
  }

  public static RenderedChart render(Map<String, ?> values) {
    return render(RELEASE, NAMESPACE, values);
  }

  public static RenderedChart render(String release, String namespace, Map<String, ?> values) {
    TemplateCommand template =
        new Helm(CHART)
            .template()
            .withName(release)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION);
    for (Map.Entry<String, ?> value : values.entrySet()) {
      template = template.set(value.getKey(), value.getValue());
    }
    return new RenderedChart(template.call());
  }

  public String yaml() {
    return yaml;
  }

  public List<GenericKubernetesResource> objects() {
    return objects;
  }

  /** "Kind/name" of every object, in the order Helm renders them. */
  public List<String> names() {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  public <T extends HasMetadata> T get(Class<T> type, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.getKind()) && name.equals(o.getMetadata().getName()))
        .findFirst()
        .map(o -> Serialization.unmarshal(Serialization.asYaml(o), type))
        .orElseThrow(
            () -> new AssertionError(kind + "/" + name + " not rendered; rendered: " + names()));
  }

  public <T extends HasMetadata> List<T> all(Class<T> type, String kind) {
    return objects.stream()
        .filter(o -> kind.equals(o.getKind()))
        .map(o -> Serialization.unmarshal(Serialization.asYaml(o), type))
        .toList();
  }

  public static Map<String, Object> values(Object... pairs) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return values;
  }
}
