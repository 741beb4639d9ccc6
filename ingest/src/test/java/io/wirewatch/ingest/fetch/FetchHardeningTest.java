package io.wirewatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.ingest.IngestConfig.FetchLimits;
import io.wirewatch.ingest.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SSRF guard, total deadline, conditional GET and Retry-After against a real server on 127.0.0.1. */
class FetchHardeningTest {

  private static final String ETAG = "\"v1\"";
  private static final String LAST_MODIFIED = "Fri, 22 Mar 2019 00:40:00 GMT";

  private HttpServer server;
  private final AtomicInteger fullBodies = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = TestServer.create();
    server.createContext("/etag", ex -> {
      if (ETAG.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
      } else {
        fullBodies.incrementAndGet();
        ex.getResponseHeaders().add("ETag", ETAG);
        ex.getResponseHeaders().add("Cache-Control", "public, max-age=600");
        send(ex, 200, "<rss/>");
      }
      ex.close();
    });
    server.createContext("/modified", ex -> {
      if (LAST_MODIFIED.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))) {
        ex.sendResponseHeaders(304, -1);
      } else {
        fullBodies.incrementAndGet();
        ex.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
        send(ex, 200, "<rss/>");
      }
      ex.close();
    });
    server.createContext("/drip", io.wirewatch.ingest.TestRoutes.drip('x', 600, 100));
    server.createContext("/to-metadata", ex -> {
      ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/to-private", ex -> {
      ex.getResponseHeaders().add("Location", "http://10.0.0.7/admin");
      ex.sendResponseHeaders(301, -1);
      ex.close();
    });
    server.createContext("/busy", ex -> {
      ex.getResponseHeaders().add("Retry-After", "120");
      ex.sendResponseHeaders(503, -1);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    TestServer.stop(server);
  }

  private static void send(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static PageFetcher fetcher(Duration total, List<String> allow) {
    FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), total, 1_000_000, 3,
        "WirewatchTest/1", allow);
    return new PageFetcher(limits);
  }

  private static PageFetcher fetcher() {
    return fetcher(Duration.ofSeconds(10), List.of("127.0.0.1"));
  }

  @Test
  void etagTurnsTheSecondFetchIntoA304WithoutBody() throws Exception {
    FetchedPage first = fetcher().fetch(url("/etag"));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.validators().etag()).isEqualTo(ETAG);
    assertThat(first.maxAge()).isEqualTo(Duration.ofMinutes(10));
    FetchedPage second = fetcher().fetch(url("/etag"), first.validators());
    assertThat(second.notModified()).isTrue();
    assertThat(second.body()).isEmpty();
    assertThat(second.validators().etag()).isEqualTo(ETAG);
    assertThat(fullBodies).hasValue(1);
  }

  @Test
  void lastModifiedTurnsTheSecondFetchIntoA304() throws Exception {
    FetchedPage first = fetcher().fetch(url("/modified"));
    assertThat(first.validators().lastModified()).isEqualTo(LAST_MODIFIED);
    assertThat(fetcher().fetch(url("/modified"), first.validators()).notModified()).isTrue();
    assertThat(fullBodies).hasValue(1);
  }

  @Test
  void slowDripIsCutAtTheTotalDeadline() {
    PageFetcher f = fetcher(Duration.ofMillis(800), List.of("127.0.0.1"));
    FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> org.junit.jupiter.api.Assertions.assertThrows(FetchException.class, () -> f.fetch(url("/drip"))));
    assertThat(e).hasMessageContaining("total-timeout");
    assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
    assertThat(Thread.currentThread().isInterrupted()).as("no stray interrupt left behind").isFalse();
  }

  @Test
  void redirectsToInternalAddressesAreRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> fetcher().fetch(url("/to-metadata")))
        .isInstanceOfSatisfying(FetchException.class,
            e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS)).hasMessageContaining("169.254.169.254").hasMessageContaining("refused");
    assertThatThrownBy(() -> fetcher().fetch(url("/to-private")))
        .isInstanceOf(FetchException.class).hasMessageContaining("private");
  }

  @Test
  void loopbackIsRefusedWithoutTheAllowList() {
    assertThatThrownBy(() -> fetcher(Duration.ofSeconds(5), List.of()).fetch(url("/etag")))
        .isInstanceOf(FetchException.class).hasMessageContaining("loopback");
    assertThat(fullBodies).hasValue(0);
  }

  @Test
  void retryAfterTravelsWithTheFailure() {
    FetchException e = org.junit.jupiter.api.Assertions.assertThrows(FetchException.class,
        () -> fetcher().fetch(url("/busy")));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void retryAfterAndMaxAgeParse() {
    assertThat(CacheHeaders.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(CacheHeaders.retryAfter("soon")).isNull();
    assertThat(CacheHeaders.maxAge("no-cache, max-age=90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(CacheHeaders.maxAge("no-store, max-age=90")).isNull();
    java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2019-03-22T00:40:00Z"), java.time.ZoneOffset.UTC);
    assertThat(CacheHeaders.retryAfter("Fri, 22 Mar 2019 00:42:00 GMT", clock)).isEqualTo(Duration.ofMinutes(2));
    assertThat(CacheHeaders.retryAfter("Fri, 22 Mar 2019 00:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
  }
}
