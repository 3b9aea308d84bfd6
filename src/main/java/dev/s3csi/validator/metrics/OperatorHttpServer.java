package dev.s3csi.validator.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The operator's one HTTP port: {@code /metrics} for Prometheus, {@code /healthz} (liveness: every
 * informer is healthy, so missing RBAC or a lost watch restarts the pod) and {@code /readyz} (the
 * operator has started).
 */
public final class OperatorHttpServer implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * @param healthy whether every event source is healthy
   * @param unhealthy a description of what is unhealthy, for the liveness probe's body
   * @param ready whether the operator has started
   */
  public OperatorHttpServer(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      BooleanSupplier healthy,
      Supplier<String> unhealthy,
      BooleanSupplier ready)
      throws IOException {
    server = HttpServer.create(address, 0);
    server.createContext(
        "/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
    server.createContext("/healthz", probe(healthy, unhealthy));
    server.createContext("/readyz", probe(ready, () -> "the operator has not started"));
    // Two threads: a slow scrape must not hold up a probe.
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static HttpHandler probe(BooleanSupplier check, Supplier<String> whyNot) {
    return exchange -> {
      boolean ok = check.getAsBoolean();
      respond(
          exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : whyNot.get() + "\n");
    };
  }

  private static void respond(HttpExchange exchange, int code, String contentType, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
