package io.wirewatch.notify.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.model.net.AddressGuard;
import io.wirewatch.notify.NotifyConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The POST on a real server on 127.0.0.1. */
class HttpTransportTest {

  private static final NotifyConfig.Http HTTP = new NotifyConfig.Http(Duration.ofSeconds(2), Duration.ofMillis(500),
      "WirewatchTest/1");

  private HttpServer server;
  private final AtomicReference<String> lastBody = new AtomicReference<>();
  private final AtomicReference<String> lastId = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", ex -> {
      lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      lastId.set(ex.getRequestHeaders().getFirst("X-Wirewatch-Id"));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.createContext("/busy", ex -> {
      ex.getResponseHeaders().add("Retry-After", "3");
      ex.sendResponseHeaders(429, -1);
      ex.close();
    });
    server.createContext("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "http://169.254.169.254/");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/silent", ex -> {
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static HttpTransport transport(List<String> allow) {
    return new HttpTransport(HTTP, new AddressGuard(NotifyConfig.ALLOW_ADDRESSES, allow), Clock.systemUTC());
  }

  @Test
  void postsTheBodyAndHeadersAndReadsTheAnswer() {
    try (HttpTransport t = transport(List.of("127.0.0.1"))) {
      Answer a = t.post(url("/ok"), Map.of("X-Wirewatch-Id", "abc"), "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
      assertThat(a.delivered()).isTrue();
      assertThat(a.status()).isEqualTo(204);
      assertThat(lastBody.get()).isEqualTo("{\"x\":1}");
      assertThat(lastId.get()).isEqualTo("abc");
      Answer busy = t.post(url("/busy"), Map.of(), new byte[0]);
      assertThat(busy.verdict()).isEqualTo(Answer.Verdict.RETRY);
      assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(3));
      Answer moved = t.post(url("/moved"), Map.of(), new byte[0]);
      assertThat(moved.verdict()).as("a redirect is not followed").isEqualTo(Answer.Verdict.PERMANENT);
      assertThat(moved.status()).isEqualTo(302);
    }
  }

  @Test
  void aLoopbackReceiverIsRefusedUnlessAllowedForGood() {
    try (HttpTransport t = transport(List.of())) {
      Answer a = t.post(url("/ok"), Map.of(), new byte[0]);
      assertThat(a.verdict()).isEqualTo(Answer.Verdict.PERMANENT);
      assertThat(a.status()).isZero();
      assertThat(a.problem()).contains("refused").contains("notify.allow-addresses");
      assertThat(lastBody.get()).as("nothing reached the server").isNull();
    }
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeIsWorthAnotherAttempt() {
    try (HttpTransport t = transport(List.of("127.0.0.1"))) {
      long t0 = System.nanoTime();
      Answer a = t.post(url("/silent"), Map.of(), new byte[0]);
      assertThat(a.verdict()).isEqualTo(Answer.Verdict.RETRY);
      assertThat(a.problem()).contains("no response within 500 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2_500));
    }
  }
}
