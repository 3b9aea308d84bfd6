package dev.s3csi.validator.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.harness.Kubeconfig;
import dev.s3csi.validator.harness.RunWatcher;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.harness.SandboxRuns;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar as a user runs it, {@code java -jar
 * target/provisioning-validator-<version>.jar}, in a JVM of its own against the sandbox: what a jar
 * with unmerged service files would lose (fabric8's HTTP client and model, the AWS SDK's HTTP
 * client) is used for real by {@code run} and by {@code operator}.
 */
class ShadedJarIT {
  private static final Path JAR =
      Path.of(
          System.getProperty(
              "jar", "target/provisioning-validator-" + OperatorSettings.VERSION + ".jar"));
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private record Exit(int code, String stdout, String stderr) {}

  private static Process start(Path dir, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile());
    builder.environment().remove("KUBECONFIG");
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Exit run(Path dir, Map<String, String> env, String... args) throws Exception {
    Process process = start(dir, env, args);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("%s finished", List.of(args)).isTrue();
    return new Exit(
        process.exitValue(),
        Files.readString(dir.resolve("stdout")),
        Files.readString(dir.resolve("stderr")));
  }

  @Test
  void theJarIsRunnableAndSaysWhatItDoes(@TempDir Path dir) throws Exception {
    Exit help = run(dir, Map.of(), "--help");

    assertThat(help.code()).isZero();
    assertThat(help.stdout())
        .contains("provisioning-validator " + OperatorSettings.VERSION)
        .contains("  operator ", "  run ", "  trigger ", "  probe ");
  }

  /**
   * fabric8 maps a kind to its class through META-INF/services/…KubernetesResource, one file per
   * model jar: the jar must hold all of them merged, not whichever came first.
   */
  @Test
  void theServiceFilesOfEveryDependencyAreMerged() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      String resources =
          new String(
              jar.getInputStream(
                      jar.getEntry(
                          "META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(resources.lines())
          .contains(
              "io.fabric8.kubernetes.api.model.Pod",
              "io.fabric8.kubernetes.api.model.storage.StorageClass",
              "io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition",
              "io.fabric8.kubernetes.api.model.coordination.v1.Lease");
      assertThat(jar.getEntry("META-INF/services/software.amazon.awssdk.http.SdkHttpService"))
          .isNotNull();
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(Main.class.getName());
    }
  }

  @Test
  void runDrivesOneValidationFromTheJar(@TempDir Path dir) throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      Path kubeconfig =
          Kubeconfig.write(sandbox.client(), dir.resolve("kubeconfig"), Sandbox.NAMESPACE);
      Path cr =
          Files.writeString(
              dir.resolve("cr.yaml"), SandboxRuns.yaml(SandboxRuns.passing(sandbox, "from-jar")));

      Exit result =
          run(dir, Map.of(), "run", "-f", cr.toString(), "--kubeconfig", kubeconfig.toString());

      assertThat(result.code()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains("pval-demo/from-jar: Succeeded, 1/1 passed");
      assertThat(result.stderr()).doesNotContain("Exception");
      assertThat(sandbox.audit().isClean()).as("%s", sandbox.audit()).isTrue();
    }
  }

  @Test
  void theOperatorStartsFromTheJarServesItsProbesAndReconciles(@TempDir Path dir) throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      Path kubeconfig =
          Kubeconfig.write(sandbox.client(), dir.resolve("kubeconfig"), Sandbox.NAMESPACE);
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Process operator =
          start(
              dir,
              Map.of(
                  "KUBECONFIG",
                  kubeconfig.toString(),
                  "HTTP_PORT",
                  String.valueOf(port),
                  "WATCH_NAMESPACES",
                  Sandbox.NAMESPACE));
      try {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/readyz");
        await()
            .atMost(Duration.ofSeconds(90))
            .ignoreExceptions()
            .until(
                () ->
                    operator.isAlive()
                        && http.send(
                                    HttpRequest.newBuilder(ready).build(),
                                    HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                            == 200);

        ProvisioningValidation run = SandboxRuns.passing(sandbox, "by-jar-operator");
        sandbox.client().resource(run).create();
        ProvisioningValidation finished =
            new RunWatcher(sandbox.client()).awaitFinished(run, Duration.ofSeconds(60));

        assertThat(finished.getStatus().getPhase())
            .as(
                "%s: %s",
                finished.getStatus().getFirstFailure(),
                finished.getStatus().getScenarios().stream().map(sc -> sc.getMessage()).toList())
            .isEqualTo(Phase.Succeeded);
        String metrics =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body();
        assertThat(metrics).contains("pval_runs_total");
        assertThat(Files.readString(dir.resolve("stderr")))
            .contains(
                "operator: connecting to "
                    + sandbox.client().getConfiguration().getMasterUrl().replaceAll("/$", ""))
            .contains("operator: running; /metrics, /healthz and /readyz on port " + port);
      } finally {
        operator.destroy();
        operator.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
