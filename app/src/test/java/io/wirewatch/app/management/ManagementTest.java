package io.wirewatch.app.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.wirewatch.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The management routes over real HTTP on 127.0.0.1. */
class ManagementTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(URI base, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsServesTheRegistryAndTheJvmInPrometheusText() throws Exception {
    try (Management m = Management.serve("127.0.0.1", 0, false)) {
      Counter.builder("wirewatch.test.things").tag("kind", "a").register(m.registry()).increment(3);
      HttpResponse<String> r = get(m.url().orElseThrow(), "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(r.body()).contains("wirewatch_test_things_total{kind=\"a\"} 3.0")
          .contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage");
    }
  }

  @Test
  void healthIsUpAndReadyFollowsEveryCheckWithItsReason() throws Exception {
    try (Management m = Management.serve("127.0.0.1", 0, false)) {
      URI base = m.url().orElseThrow();
      HttpResponse<String> noStage = get(base, "/ready");
      assertThat(noStage.statusCode()).isEqualTo(503);
      assertThat(noStage.body()).contains("no stage has started yet");

      AtomicReference<Optional<String>> ingest = new AtomicReference<>(Optional.of("waiting for the ingest group"));
      m.readiness("ingest", ingest::get);
      m.readiness("process", Optional::empty);
      HttpResponse<String> waiting = get(base, "/ready");
      assertThat(waiting.statusCode()).isEqualTo(503);
      assertThat(waiting.headers().firstValue("Content-Type")).hasValue("application/json");
      Map<?, ?> body = Json.MAPPER.readValue(waiting.body(), Map.class);
      assertThat(body.get("status")).isEqualTo("not ready");
      assertThat(body.get("reason")).isEqualTo("ingest: waiting for the ingest group");
      assertThat(body.get("checks")).isEqualTo(Map.of("ingest", "waiting for the ingest group", "process", "ready"));

      ingest.set(Optional.empty());
      HttpResponse<String> ready = get(base, "/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(Json.MAPPER.readValue(ready.body(), Map.class).get("status")).isEqualTo("ready");

      m.readiness("broken", () -> {
        throw new IllegalStateException("boom");
      });
      HttpResponse<String> broken = get(base, "/ready");
      assertThat(broken.statusCode()).isEqualTo(503);
      assertThat(broken.body()).contains("broken: its readiness check failed: java.lang.IllegalStateException: boom");

      HttpResponse<String> health = get(base, "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"up\"}");
    }
  }

  @Test
  void otherRoutesAndMethodsAreRefused() throws Exception {
    try (Management m = Management.serve("127.0.0.1", 0, false)) {
      URI base = m.url().orElseThrow();
      assertThat(get(base, "/").statusCode()).isEqualTo(404);
      assertThat(get(base, "/metrics/../admin").statusCode()).isEqualTo(404);
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(base.resolve("/ready"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void aTakenPortFailsNamingItUnlessItWasOnlyTheDefault() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Management.serve("127.0.0.1", port, false))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("management port 127.0.0.1:" + port + " cannot be used");
      try (Management m = Management.serve("127.0.0.1", port, true)) {
        assertThat(m.url().orElseThrow().getPort()).isNotEqualTo(port).isPositive();
      }
    }
  }

  @Test
  void portZeroInTheConfigMeansNoServerAndNoMeters() {
    try (Management m = Management.forPort("127.0.0.1", 0, false)) {
      assertThat(m.url()).isEmpty();
      Counter c = Counter.builder("wirewatch.test.things").register(m.registry());
      c.increment();
      assertThat(c.count()).as("a no-op meter").isZero();
    }
  }

  @Test
  void closingFreesThePort() throws Exception {
    int port;
    try (Management m = Management.serve("127.0.0.1", 0, false)) {
      port = m.url().orElseThrow().getPort();
    }
    try (ServerSocket again = new ServerSocket()) {
      again.setReuseAddress(true);
      again.bind(new InetSocketAddress("127.0.0.1", port));
      assertThat(again.isBound()).isTrue();
    }
  }
}
