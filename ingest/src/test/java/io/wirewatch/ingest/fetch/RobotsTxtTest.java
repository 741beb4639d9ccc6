package io.wirewatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.ingest.IngestConfig.FetchLimits;
import io.wirewatch.ingest.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RobotsTxtTest {

  private HttpServer server;
  private final AtomicInteger robotsHits = new AtomicInteger();
  private volatile int robotsStatus = 200;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.create();
    server.createContext("/robots.txt", ex -> {
      robotsHits.incrementAndGet();
      byte[] b = "User-agent: *\nDisallow: /private/\n\nUser-agent: wirewatch\nDisallow: /no-bots/\n"
          .getBytes(StandardCharsets.US_ASCII);
      ex.getResponseHeaders().add("Content-Type", "text/plain");
      if (robotsStatus != 200) {
        ex.sendResponseHeaders(robotsStatus, -1);
      } else {
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      }
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    TestServer.stop(server);
  }

  private RobotsTxt robots() {
    FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        100_000, 3, "WirewatchTest/1", List.of("127.0.0.1"));
    return new RobotsTxt(new PageFetcher(limits), "wirewatch",
        Duration.ofHours(1), Clock.systemUTC());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void ourOwnGroupAppliesAndTheFileIsFetchedOncePerSite() {
    RobotsTxt r = robots();
    assertThat(r.allowed(url("/no-bots/story"))).isFalse();
    assertThat(r.allowed(url("/news/story"))).isTrue();
    assertThat(r.allowed(URI.create("file:///tmp/x.html"))).isTrue();
    assertThat(robotsHits).hasValue(1);
  }

  @Test
  void missingRobotsAllowsEverythingAndAServerErrorDefers() {
    robotsStatus = 404;
    assertThat(robots().allowed(url("/no-bots/story"))).isTrue();
    robotsStatus = 503;
    assertThat(robots().allowed(url("/news/story"))).isFalse();
  }
}
