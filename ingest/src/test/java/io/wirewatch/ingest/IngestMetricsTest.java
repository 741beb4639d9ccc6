package io.wirewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wirewatch.ingest.IngestConfig.FetchLimits;
import io.wirewatch.ingest.dedup.SeenItems;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.PageFetcher;
import io.wirewatch.ingest.fetch.RobotsPolicy;
import io.wirewatch.ingest.poll.FeedPoller;
import io.wirewatch.ingest.poll.Poll;
import io.wirewatch.ingest.poll.SourceState;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingest meters move by what each poll did: a real feed on 127.0.0.1, a 200, a 304, a 500. */
class IngestMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry);
  private HttpServer server;
  private final AtomicInteger feedStatus = new AtomicInteger(200);
  private final AtomicBoolean honourEtag = new AtomicBoolean(true);

  @BeforeEach
  void setUp() throws IOException {
    server = TestServer.create();
    server.createContext("/feed.xml", ex -> {
      boolean unchanged = honourEtag.get() && "\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"));
      int status = feedStatus.get() != 200 ? feedStatus.get() : unchanged ? 304 : 200;
      byte[] body = status == 200 ? rss().getBytes(StandardCharsets.UTF_8) : new byte[0];
      ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
      ex.getResponseHeaders().set("ETag", "\"v1\"");
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/a.html", ex -> {
      byte[] body = "<html><head><title>A</title></head><body><p>Story A</p></body></html>"
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void tearDown() {
    TestServer.stop(server);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String rss() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>%1$s/</link><description>d</description>
        <item><title>A</title><link>%1$s/a.html</link><guid isPermaLink="false">a</guid></item>
        <item><title>No link</title><guid isPermaLink="false">b</guid></item>
        </channel></rss>
        """.formatted(base());
  }

  private double count(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counter().count();
  }

  private long timed(String outcome) {
    return registry.get(IngestMetrics.FETCH).tag("outcome", outcome).timer().count();
  }

  private double sources(String health) {
    return registry.get(IngestMetrics.SOURCES).tag("health", health).gauge().value();
  }

  @Test
  void pollsItemsFetchesDeadLettersAndHealthAreCountedAsThePollsGo() {
    FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        1_000_000, 3, "WirewatchTest/1", List.of("127.0.0.1", "::1"));
    ListSink sink = new ListSink();
    // unhealthy after 1 failure, so that the third poll turns the source unhealthy
    FeedPoller poller = new FeedPoller(metrics.timed(new PageFetcher(limits)), new FeedReader(),
        metrics.counting(sink), new SeenItems(), RobotsPolicy.IGNORE, Integer.MAX_VALUE, 1, Clock.systemUTC());
    Source source = new Source("wire", URI.create(base() + "/feed.xml"), Source.Type.FEED, null);
    SourceState state = new SourceState();
    Set<String> active = new HashSet<>(Set.of("wire", "not-polled-yet"));
    metrics.sources(() -> active);

    publish(poller, source, state); // 200: one new item, one entry without a link
    assertThat(count(IngestMetrics.POLLS, "outcome", "ok")).isEqualTo(1);
    assertThat(count(IngestMetrics.ITEMS, "kind", "new")).isEqualTo(1);
    assertThat(count(IngestMetrics.DEAD_LETTERS, "stage", "ingest.entry")).isEqualTo(1);
    assertThat(timed("ok")).as("the feed and its article page").isEqualTo(2);
    assertThat(sources("healthy")).isEqualTo(2);

    publish(poller, source, state); // 304
    assertThat(count(IngestMetrics.POLLS, "outcome", "not_modified")).isEqualTo(1);
    assertThat(timed("not_modified")).isEqualTo(1);
    assertThat(count(IngestMetrics.ITEMS, "kind", "new")).as("nothing new on a 304").isEqualTo(1);

    feedStatus.set(500);
    publish(poller, source, state);
    assertThat(count(IngestMetrics.POLLS, "outcome", "failed")).isEqualTo(1);
    assertThat(timed("failed")).isEqualTo(1);
    assertThat(count(IngestMetrics.FETCH_ERRORS, "kind", "status")).isEqualTo(1);
    assertThat(count(IngestMetrics.DEAD_LETTERS, "stage", "ingest.feed")).isEqualTo(1);
    assertThat(sources("unhealthy")).isEqualTo(1);
    assertThat(sources("healthy")).as("the source not polled yet").isEqualTo(1);

    feedStatus.set(200);
    honourEtag.set(false);
    publish(poller, source, state); // 200 again, the item already seen
    assertThat(count(IngestMetrics.ITEMS, "kind", "seen")).isEqualTo(1);
    assertThat(sources("unhealthy")).isZero();

    active.remove("wire");
    assertThat(sources("healthy") + sources("unhealthy")).as("only the sources polled now count").isEqualTo(1);
    assertThat(count(IngestMetrics.POLLS, "outcome", "ok")).isEqualTo(2);
    assertThat(sink.polls).isEqualTo(4);
  }

  @Test
  void closingRemovesTheHealthGaugesSoThatANextInstanceRegistersItsOwn() {
    metrics.sources(() -> Set.of("a"));
    metrics.close();
    IngestMetrics next = new IngestMetrics(registry);
    next.sources(() -> Set.of("a", "b"));
    assertThat(sources("healthy")).isEqualTo(2);
  }

  private static void publish(FeedPoller poller, Source source, SourceState state) {
    Poll p = poller.poll(source, state);
    p.nextPollAt(java.time.Instant.now());
    poller.publish(p);
  }

  private static final class ListSink implements IngestSink {
    int polls;

    @Override
    public void publish(Poll poll) {
      polls++;
      IngestSink.super.publish(poll);
    }

    @Override
    public void article(RawArticle article) {
      // kept by nobody: the meters are under test
    }

    @Override
    public void deadLetter(String key, DeadLetter letter) {
      // idem
    }

    @Override
    public void flush() {
      // nothing buffered
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
