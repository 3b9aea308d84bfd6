package dev.s3csi.validator.metrics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorHttpServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(OperatorHttpServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheRegistryAndProbesThatFollowTheOperatorsState() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("pval.runs").tag("result", "Succeeded").register(registry).increment(3);
    AtomicBoolean healthy = new AtomicBoolean(false);
    AtomicBoolean ready = new AtomicBoolean(false);

    try (OperatorHttpServer server =
        new OperatorHttpServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            registry,
            healthy::get,
            () -> "unhealthy event sources: {pods=NOT_OK}",
            ready::get)) {
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValue(OperatorHttpServer.PROMETHEUS_TEXT);
      assertThat(new Exposition(metrics.body()).value("pval_runs_total", "result", "Succeeded"))
          .hasValue(3);

      assertThat(get(server, "/healthz").statusCode()).isEqualTo(503);
      assertThat(get(server, "/healthz").body()).contains("pods=NOT_OK");
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);

      healthy.set(true);
      ready.set(true);
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/readyz").body()).isEqualTo("ok\n");
      assertThat(get(server, "/nothing-here").statusCode()).isEqualTo(404);
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }
}
