package dev.s3csi.validator.alerts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.harness.RunWatcher;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.harness.SandboxRuns;
import dev.s3csi.validator.kube.ScheduleLabel;
import dev.s3csi.validator.metrics.OperatorHttpServer;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Prometheus (Debian's package) scrapes the operator running on the sandbox, with the
 * chart's rules loaded: a failed scheduled run fires ProvisioningValidationFailed, as Prometheus's
 * own HTTP API reports it, and the schedule's next, passing run clears it.
 */
class PrometheusEndToEndTest {
  static final String JOB = "pval-e2e";
  static final String SCHEDULE = "e2e";
  static final String FAILED = "ProvisioningValidationFailed";
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aFailedRunFiresTheFailedValidationAlertAndAPassingRunClearsIt(@TempDir Path dir)
      throws Exception {
    Path prometheus = PrometheusTools.require("prometheus");
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        ValidatorOperator operator = sandbox.startOperator();
        OperatorHttpServer metrics =
            new OperatorHttpServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                operator.registry(),
                () -> operator.runtimeInfo().allEventSourcesAreHealthy(),
                () -> "unhealthy",
                () -> operator.runtimeInfo().isStarted())) {
      int webPort = freePort();
      Process server = startPrometheus(prometheus, dir, metrics.port(), webPort);
      try {
        URI api = URI.create("http://127.0.0.1:" + webPort);
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(
                () ->
                    http.send(
                                HttpRequest.newBuilder(api.resolve("/-/ready")).build(),
                                HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                        == 200);
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(
                () ->
                    query(api, "up{job=\"" + JOB + "\"}")
                        .path(0)
                        .path("value")
                        .path(1)
                        .asText()
                        .equals("1"));

        ProvisioningValidation failed =
            runToEnd(sandbox, SandboxRuns.unserved(sandbox, "e2e-broken"));
        assertThat(failed.getStatus().getPhase()).isEqualTo(Phase.Failed);

        JsonNode firing =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> alert(api, "firing"), a -> a != null);
        assertThat(firing.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(firing.path("annotations").path("summary").asText())
            .isEqualTo("Provisioning validation failed (schedule e2e)");
        assertThat(firing.path("annotations").path("description").asText())
            .contains("Failed scenarios in the last hour: dedicatedBucket: ProvisioningTimeout.");
        assertThat(firing.path("annotations").path("runbook_url").asText())
            .endsWith("/runbook.md#provisioningvalidationfailed");

        ProvisioningValidation passed =
            runToEnd(sandbox, SandboxRuns.passing(sandbox, "e2e-healthy"));
        assertThat(passed.getStatus().getPhase()).isEqualTo(Phase.Succeeded);

        await().atMost(Duration.ofSeconds(60)).until(() -> alert(api, null) == null);
        assertThat(
                query(api, "pval_last_run_success{schedule=\"" + SCHEDULE + "\"}")
                    .path(0)
                    .path("value")
                    .path(1)
                    .asText())
            .isEqualTo("1");
        assertThat(alertsNamed(api, "ProvisioningValidatorDown"))
            .as("the operator is up")
            .isEmpty();
      } finally {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
  }

  private static ProvisioningValidation runToEnd(Sandbox sandbox, ProvisioningValidation run) {
    run.getMetadata().setLabels(Map.of(ScheduleLabel.KEY, SCHEDULE));
    sandbox.client().resource(run).create();
    return new RunWatcher(sandbox.client()).awaitFinished(run, Duration.ofSeconds(30));
  }

  private static Process startPrometheus(Path prometheus, Path dir, int metricsPort, int webPort)
      throws IOException {
    RenderedRules.render(
            Map.of(
                "schedule.enabled",
                true,
                "metrics.prometheusRule.job",
                JOB,
                "metrics.prometheusRule.runbookBaseUrl",
                "https://docs.example/provisioning-validator/docs"))
        .write(dir.resolve("rules.yaml"));
    Files.writeString(
        dir.resolve("prometheus.yml"),
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 1s",
            "rule_files: [rules.yaml]",
            "scrape_configs:",
            "  - job_name: " + JOB,
            "    static_configs:",
            "      - targets: ['127.0.0.1:" + metricsPort + "']",
            ""));
    List<String> command =
        new ArrayList<>(
            List.of(
                prometheus.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + webPort,
                "--log.level=warn"));
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
  }

  /**
   * The failed-validation alert of our schedule in the given state (any state when null), or null.
   */
  private JsonNode alert(URI api, String state) throws Exception {
    for (JsonNode alert : alertsNamed(api, FAILED)) {
      if (SCHEDULE.equals(alert.path("labels").path("schedule").asText())
          && (state == null || state.equals(alert.path("state").asText()))) {
        return alert;
      }
    }
    return null;
  }

  private List<JsonNode> alertsNamed(URI api, String name) throws Exception {
    List<JsonNode> alerts = new ArrayList<>();
    get(api.resolve("/api/v1/alerts"))
        .path("data")
        .path("alerts")
        .forEach(
            a -> {
              if (name.equals(a.path("labels").path("alertname").asText())) {
                alerts.add(a);
              }
            });
    return alerts;
  }

  private JsonNode query(URI api, String promql) throws Exception {
    return get(api.resolve(
            "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
        .path("data")
        .path("result");
  }

  private JsonNode get(URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", uri, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
