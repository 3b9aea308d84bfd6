package dev.s3csi.validator.cli;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.s3csi.validator.harness.Kubeconfig;
import dev.s3csi.validator.reconciler.OperatorSettings;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees when the cluster cannot be used: one line that names the cause and the fix, exit
 * 1, in seconds, never a stack trace. No real cluster: a closed loopback port, files that do not
 * exist, mock API servers without the CRD or refusing the request.
 */
@EnableKubernetesMockClient
class NoClusterTest {
  /** Generous for what takes milliseconds: a refused connection, a missing file. */
  private static final Duration WITHIN = Duration.ofSeconds(10);

  private static final String RUN =
      String.join(
          "\n",
          "apiVersion: validation.s3csi.dev/v1alpha1",
          "kind: ProvisioningValidation",
          "metadata: {name: one}",
          "spec: {s3: {endpoint: https://s3.example, credentialsSecretRef: {name: keys}}}",
          "");

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path dir;

  private Path cr() throws Exception {
    return Files.writeString(dir.resolve("cr.yaml"), RUN);
  }

  /** A kubeconfig whose server is a loopback port nothing listens on. */
  private Path closedPort() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return Files.writeString(
        dir.resolve("closed"),
        Files.readString(Kubeconfig.write(client, dir.resolve("mock"), "checks"))
            .replaceAll("server: .*", "server: https://127.0.0.1:" + port));
  }

  private static CliHarness.Result timed(Supplier<CliHarness.Result> command) {
    long start = System.nanoTime();
    CliHarness.Result result = command.get();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as(result.stderr()).isLessThan(WITHIN);
    return result;
  }

  /** Exit 1, one line of stderr with the given cause, nothing on stdout, no stack trace. */
  private static void oneLine(CliHarness.Result result, String... cause) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().lines()).as(result.stderr()).hasSize(1);
    assertThat(result.stderr()).contains(cause).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aMissingKubeconfigFileIsNamed() throws Exception {
    Path cr = cr();
    oneLine(
        timed(() -> CliHarness.run(List.of("-f", cr.toString(), "--kubeconfig", "/nonexistent"))),
        "--kubeconfig /nonexistent: no such readable file. Give the path of your cluster's kubeconfig");
    oneLine(
        timed(
            () ->
                CliHarness.trigger(
                    List.of(
                        "--schedule",
                        "s",
                        "--template",
                        cr.toString(),
                        "--kubeconfig",
                        "/nonexistent"))),
        "--kubeconfig /nonexistent: no such readable file");
    oneLine(
        timed(
            () ->
                CliHarness.run(List.of("-f", cr.toString()), Map.of("KUBECONFIG", "/nonexistent"))),
        "KUBECONFIG=/nonexistent names no readable file");
  }

  @Test
  void noKubeconfigAtAllSaysThereIsNone() throws Exception {
    Path cr = cr();
    Map<String, String> noneAnywhere = Map.of("HOME", dir.toString());

    oneLine(
        timed(() -> CliHarness.run(List.of("-f", cr.toString()), noneAnywhere)),
        "No kubeconfig: --kubeconfig not given, KUBECONFIG not set, "
            + dir.resolve(".kube/config")
            + " does not exist",
        "Give --kubeconfig FILE or set KUBECONFIG");
  }

  @Test
  void anUnreadableKubeconfigSaysSo() throws Exception {
    Path cr = cr();
    Path garbage =
        Files.writeString(dir.resolve("garbage"), "clusters: [this is: not a kubeconfig\n");

    oneLine(
        timed(
            () -> CliHarness.run(List.of("-f", cr.toString(), "--kubeconfig", garbage.toString()))),
        "kubeconfig " + garbage + " cannot be used",
        "Check it with kubectl config view");
  }

  @Test
  void anUnreachableApiServerIsOneLineForEveryCommand() throws Exception {
    Path cr = cr();
    Path closed = closedPort();

    oneLine(
        timed(
            () -> CliHarness.run(List.of("-f", cr.toString(), "--kubeconfig", closed.toString()))),
        "Cannot reach the API server at https://127.0.0.1:",
        "(from kubeconfig " + closed + "): connection refused",
        "Check that the cluster is up");
    oneLine(
        timed(
            () ->
                CliHarness.trigger(
                    List.of(
                        "--schedule",
                        "s",
                        "--template",
                        cr.toString(),
                        "--kubeconfig",
                        closed.toString()))),
        "connection refused");

    CliHarness.Result operator =
        timed(() -> CliHarness.operator(List.of(), Map.of("KUBECONFIG", closed.toString())));
    assertThat(operator.exitCode()).isEqualTo(1);
    List<String> lines = operator.stderr().lines().toList();
    assertThat(lines).as(operator.stderr()).hasSize(2);
    assertThat(lines.get(0))
        .startsWith(
            "provisioning-validator "
                + OperatorSettings.VERSION
                + " operator: connecting to https://127.0.0.1:")
        .endsWith("(from kubeconfig " + closed + ") for runs in all namespaces");
    assertThat(lines.get(1)).contains("connection refused");
  }

  @Test
  void theOperatorRefusesToStartWithoutTheCrd() throws Exception {
    // The expectations server answers discovery of the API group without its resource: no CRD.
    server
        .expect()
        .get()
        .withPath("/apis/validation.s3csi.dev/v1alpha1")
        .andReturn(
            200,
            "{\"kind\":\"APIResourceList\",\"groupVersion\":\"validation.s3csi.dev/v1alpha1\",\"resources\":[]}")
        .always();
    Path kubeconfig = Kubeconfig.write(client, dir.resolve("kubeconfig"), "checks");

    CliHarness.Result result =
        timed(() -> CliHarness.operator(List.of(), Map.of("KUBECONFIG", kubeconfig.toString())));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr().lines()).hasSize(2);
    assertThat(result.stderr())
        .contains(
            "does not serve ProvisioningValidations. Install the CRD: kubectl apply -f crds/");
  }

  @Test
  void aMissingPermissionNamesWhatWasForbidden() throws Exception {
    server
        .expect()
        .get()
        .withPath("/apis/validation.s3csi.dev/v1alpha1")
        .andReturn(
            200,
            "{\"kind\":\"APIResourceList\",\"groupVersion\":\"validation.s3csi.dev/v1alpha1\","
                + "\"resources\":[{\"name\":\"provisioningvalidations\",\"namespaced\":true,\"kind\":\"ProvisioningValidation\"}]}")
        .always();
    server
        .expect()
        .get()
        .withPath(
            "/apis/validation.s3csi.dev/v1alpha1/namespaces/checks/provisioningvalidations?limit=1")
        .andReturn(
            403,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
                + "\"message\":\"provisioningvalidations is forbidden: User \\\"bob\\\" cannot list resource\"}")
        .always();
    Path kubeconfig = Kubeconfig.write(client, dir.resolve("kubeconfig"), "checks");

    CliHarness.Result result =
        timed(
            () ->
                CliHarness.operator(
                    List.of(),
                    Map.of("KUBECONFIG", kubeconfig.toString(), "WATCH_NAMESPACES", "checks")));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("for runs in checks")
        .contains(
            "forbids it to list provisioningvalidations in checks (403): provisioningvalidations is forbidden: User \"bob\"")
        .contains("Grant the permissions");
  }

  @Test
  void refusedCredentialsAreNamed() throws Exception {
    // The mock answers /version itself; a real API server refuses every request with bad
    // credentials.
    server
        .expect()
        .get()
        .withPath("/apis/validation.s3csi.dev/v1alpha1")
        .andReturn(401, "{\"kind\":\"Status\",\"code\":401,\"message\":\"Unauthorized\"}")
        .always();
    Path cr = cr();
    Path kubeconfig = Kubeconfig.write(client, dir.resolve("kubeconfig"), "checks");

    oneLine(
        timed(
            () ->
                CliHarness.run(
                    List.of("-f", cr.toString(), "--kubeconfig", kubeconfig.toString()))),
        "does not accept the credentials (401 Unauthorized)",
        "Renew them");
  }
}
