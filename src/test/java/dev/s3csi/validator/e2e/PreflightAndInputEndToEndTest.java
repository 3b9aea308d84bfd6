package dev.s3csi.validator.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.InvalidParameterCase;
import dev.s3csi.validator.api.InvalidParametersSpec;
import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StorageClassTemplate;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.sandbox.DriverProfile;
import dev.s3csi.validator.sandbox.SandboxOptions;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broken precondition ends the run at once with its reason; the invalid cases can be replaced.
 */
class PreflightAndInputEndToEndTest {

  static Condition succeeded(ProvisioningValidation run) {
    return run.getStatus().getConditions().stream()
        .filter(c -> "Succeeded".equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  static void assertEndedBeforeCreatingAnything(SandboxRun result, String reason) {
    assertThat(result.run().getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(result.run().getStatus().getFirstFailure()).isEqualTo(reason);
    assertThat(result.run().getStatus().getScenarios()).as("no scenario started").isEmpty();
    assertThat(succeeded(result.run()).getReason()).isEqualTo(reason);
    assertThat(result.audit().isClean()).isTrue();
  }

  @Test
  void aDriverWithoutCsiDriverObjectIsNotInstalled() {
    SandboxRun result =
        SandboxRun.of(
            SandboxOptions.defaults(),
            List.of(),
            sandbox -> run -> run.getSpec().setProvisioner("s3.csi.example.com"));

    assertEndedBeforeCreatingAnything(result, "DriverNotInstalled");
    assertThat(succeeded(result.run()).getMessage())
        .isEqualTo(
            "CSIDriver s3.csi.example.com does not exist: the driver is not"
                + " installed, or spec.provisioner names another one; nothing was created");
  }

  @Test
  void anS3EndpointThatDoesNotAnswerIsS3Unavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;
    SandboxRun result =
        SandboxRun.of(
            SandboxOptions.defaults(),
            List.of(),
            sandbox -> run -> run.getSpec().getS3().setEndpoint(endpoint));

    assertEndedBeforeCreatingAnything(result, "S3Unavailable");
    assertThat(succeeded(result.run()).getMessage())
        .startsWith("S3 at " + endpoint + " did not answer the validator (ListBuckets: ")
        .endsWith("; nothing was created");
  }

  @Test
  void aProvisionerSecretThatDoesNotExistIsAnInvalidSpec() {
    StorageClassTemplate template = new StorageClassTemplate();
    template.setParameters(
        Map.of(
            "csi.storage.k8s.io/provisioner-secret-name",
            "no-such-secret",
            "csi.storage.k8s.io/provisioner-secret-namespace",
            Sandbox.NAMESPACE));
    SandboxRun result =
        SandboxRun.of(
            SandboxOptions.defaults(),
            List.of(),
            sandbox -> run -> run.getSpec().setStorageClass(template));

    assertEndedBeforeCreatingAnything(result, "InvalidSpec");
    assertThat(succeeded(result.run()).getMessage())
        .isEqualTo(
            "spec.storageClass.parameters[csi.storage.k8s.io/provisioner-secret-name]:"
                + " Secret pval-demo/no-such-secret does not exist");
  }

  @Test
  void overriddenCasesAreRefusedWithTheDriversOwnTexts() {
    InvalidParametersSpec invalid = new InvalidParametersSpec();
    invalid.setCases(
        List.of(
            new InvalidParameterCase(
                "incompleteSecret",
                Map.of(
                    "csi.storage.k8s.io/provisioner-secret-name",
                    "half-secret",
                    "csi.storage.k8s.io/provisioner-secret-namespace",
                    Sandbox.NAMESPACE),
                null,
                "missing required AWS credentials"),
            new InvalidParameterCase(
                "reservedTypo",
                Map.of("csi.storage.k8s.io/provisoner-secret-name", "x"),
                null,
                null)));
    SandboxRun result =
        SandboxRun.of(
            SandboxOptions.defaults().withProfile(DriverProfile.SCALITY),
            List.of(ScenarioName.INVALID_PARAMETERS),
            sandbox -> {
              sandbox
                  .client()
                  .secrets()
                  .inNamespace(Sandbox.NAMESPACE)
                  .resource(
                      new SecretBuilder()
                          .withNewMetadata()
                          .withName("half-secret")
                          .endMetadata()
                          .withStringData(Map.of("access_key_id", "AKID"))
                          .build())
                  .create();
              return run -> run.getSpec().setInvalidParameters(invalid);
            });

    assertThat(result.run().getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    ScenarioStatus scenario = result.scenario(ScenarioName.INVALID_PARAMETERS);
    assertThat(scenario.getOutcome()).isEqualTo(Outcome.Passed);
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(
                        "case incompleteSecret refused for its expected cause 'missing required AWS"
                            + " credentials', PVC still unbound 2s later: Warning ProvisioningFailed")
                    .contains(
                        "rpc error: code = Internal desc = failed to resolve credentials: CSI secrets missing required AWS credentials:"
                            + " access_key_id=true, secret_access_key=false"));
    assertThat(scenario.getEvidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("case reservedTypo refused, PVC still unbound 2s later:")
                    .contains(
                        "found unknown parameter key \"csi.storage.k8s.io/provisoner-secret-name\" with reserved namespace csi.storage.k8s.io/"));
    assertThat(result.audit().isClean()).isTrue();
  }
}
