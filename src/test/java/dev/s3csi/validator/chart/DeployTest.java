package dev.s3csi.validator.chart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.spec.SpecDefaults;
import dev.s3csi.validator.spec.SpecValidator;

import io.fabric8.kubernetes.client.utils.Serialization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/ for people without Helm: the chart rendered with its defaults, kept in step with the
 * chart, and example runs that the CRD's schema and the operator's own spec checks accept.
 */
class DeployTest {
  static final Path RENDERED = Path.of("deploy/provisioning-validator.yaml");
  static final String UPDATE = "deploy.update";
  static final String HEADER =
      String.join(
          "\n",
          "# The Helm chart helm/provisioning-validator rendered with its default values for namespace",
          "# provisioning-validator (apply deploy/namespace.yaml and crds/ first). Generated: edit the chart, then",
          "# mvn -o -q test -Dtest=DeployTest -Ddeploy.update=true",
          "");

  static String render() {
    return HEADER
        + RenderedChart.render("provisioning-validator", "provisioning-validator", Map.of()).yaml();
  }

  @Test
  void theManifestsAreTheChartRenderedWithItsDefaults() throws Exception {
    String rendered = render();
    if (Boolean.getBoolean(UPDATE)) {
      Files.writeString(RENDERED, rendered);
    }
    assertThat(Files.readString(RENDERED))
        .as(
            "deploy/ drifted from the chart: run mvn -o -q test -Dtest=DeployTest -Ddeploy.update=true")
        .isEqualTo(rendered);
    assertThat(
            Serialization.unmarshal(
                    Files.readString(Path.of("deploy/namespace.yaml")),
                    io.fabric8.kubernetes.api.model.Namespace.class)
                .getMetadata()
                .getName())
        .isEqualTo("provisioning-validator");
  }

  static Stream<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("deploy/examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void eachExampleIsARunTheSchemaAndTheOperatorAccept(Path example) throws Exception {
    String yaml = Files.readString(example);

    assertThat(CrdSchema.load().validate(yaml)).isEmpty();
    ProvisioningValidation run = Serialization.unmarshal(yaml, ProvisioningValidation.class);
    assertThat(SpecValidator.validate(run.getSpec())).isEmpty();
    assertThat(
            new SpecDefaults("unused")
                .apply(run.getSpec(), run.getMetadata().getNamespace())
                .scenarios())
        .isNotEmpty();
  }

  /**
   * What an example needs before it is applied (its namespace, the Secrets it names) is what its
   * own header, the README's five steps and, for the minimal one, the chart's NOTES tell users to
   * create.
   */
  @ParameterizedTest
  @MethodSource("examples")
  void whatEachExampleNeedsIsWhatTheDocsSayToCreateFirst(Path example) throws Exception {
    String yaml = Files.readString(example);
    ProvisioningValidation run = Serialization.unmarshal(yaml, ProvisioningValidation.class);
    String namespace = run.getMetadata().getNamespace();
    List<String> commands =
        new java.util.ArrayList<>(List.of("kubectl create namespace " + namespace));
    var s3 = run.getSpec().getS3().getCredentialsSecretRef();
    commands.add(
        "kubectl -n "
            + (s3.getNamespace() == null ? namespace : s3.getNamespace())
            + " create secret generic "
            + s3.getName());
    var parameters =
        run.getSpec().getStorageClass() == null
            ? Map.<String, String>of()
            : run.getSpec().getStorageClass().getParameters();
    if (parameters.containsKey("csi.storage.k8s.io/provisioner-secret-name")) {
      commands.add(
          "kubectl -n "
              + parameters.get("csi.storage.k8s.io/provisioner-secret-namespace")
              + " create secret generic "
              + parameters.get("csi.storage.k8s.io/provisioner-secret-name"));
    }
    String readme = Files.readString(Path.of("README.md"));
    String notes = Files.readString(Path.of("helm/provisioning-validator/templates/NOTES.txt"));
    for (String command : commands) {
      assertThat(yaml).as("%s says to run: %s", example, command).contains("#   " + command);
      assertThat(readme).as("README: %s", command).contains(command);
      if (example.endsWith("minimal.yaml")) {
        assertThat(notes).as("NOTES.txt: %s", command).contains(command);
      }
    }
  }

  @Test
  void theSchemaCheckCatchesWhatTheApiServerWouldRefuseOrPrune() {
    CrdSchema schema = CrdSchema.load();
    String head =
        "apiVersion: validation.s3csi.dev/v1alpha1\nkind: ProvisioningValidation\nmetadata: {name: x}\n";

    String s3 = "s3: {endpoint: https://s3, credentialsSecretRef: {name: keys}}";

    assertThat(schema.validate(head + "spec: {" + s3 + ", keepResources: Sometimes}\n"))
        .singleElement()
        .asString()
        .contains("keepResources");
    assertThat(schema.validate(head + "spec: {" + s3 + ", ttlSecondsAfterFinished: -1}\n"))
        .singleElement()
        .asString()
        .contains("ttlSecondsAfterFinished");
    assertThat(
            schema.validate(
                head
                    + "spec: {s3: {endpoint: https://s3, credentialsSecretRef: {name: keys}, pathstyle: true}}\n"))
        .singleElement()
        .asString()
        .contains("pathstyle");
    assertThat(schema.validate(head + "spec: {" + s3 + ", scenarios: [everything]}\n"))
        .isNotEmpty();
    assertThat(schema.validate(head + "spec: {" + s3 + "}\n")).isEmpty();
    assertThat(schema.validate(head + "spec: {}\n")).singleElement().asString().contains("s3");
    assertThat(schema.validate(head + "spec: {" + s3 + ", timeouts: {bind: soon}}\n"))
        .singleElement()
        .asString()
        .contains("bind");
  }
}
