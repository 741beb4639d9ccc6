package io.wirewatch.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wirewatch.ingest.IngestSink;
import io.wirewatch.ingest.TestRoutes;
import io.wirewatch.ingest.TestServer;
import io.wirewatch.model.Stage;
import io.wirewatch.ingest.IngestConfig.FetchLimits;
import io.wirewatch.ingest.dedup.SeenItems;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.PageFetcher;
import io.wirewatch.ingest.fetch.RobotsPolicy;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SourceStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One route per hostile or special server behaviour, each polled through the real poller: the
 * status record must say what happened, and articles must be neither lost nor duplicated.
 */
class SourceBehaviourTest {

  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  private static final String ETAG = "\"feed-v1\"";
  private static final String LAST_MODIFIED = "Wed, 01 May 2024 09:00:00 GMT";

  private HttpServer server;
  private final Sink sink = new Sink();
  private final AtomicInteger feedBodies = new AtomicInteger();
  private final AtomicReference<String> editable = new AtomicReference<>();
  private FeedPoller poller;

  @BeforeEach
  void start() throws IOException {
    server = TestServer.create();
    for (String p : List.of("one", "two", "three", "four")) {
      server.createContext("/news/story-" + p + "-2024", ex -> send(ex, 200, "text/html; charset=utf-8",
          ("<html><head><title>" + p + "</title></head><body><p>Story " + p + "</p></body></html>")
              .getBytes(StandardCharsets.UTF_8)));
    }
    server.createContext("/etag.xml", ex -> {
      if (ETAG.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        send(ex, 304, null, null);
        return;
      }
      feedBodies.incrementAndGet();
      ex.getResponseHeaders().add("ETag", ETAG);
      send(ex, 200, "application/rss+xml", rss(item("g1", "One", "one"), item("g2", "Two", "two")).getBytes(StandardCharsets.UTF_8));
    });
    server.createContext("/modified.xml", ex -> {
      if (LAST_MODIFIED.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))) {
        send(ex, 304, null, null);
        return;
      }
      feedBodies.incrementAndGet();
      ex.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
      send(ex, 200, "application/rss+xml", rss(item("g3", "Three", "three")).getBytes(StandardCharsets.UTF_8));
    });
    server.createContext("/loop.xml", ex -> {
      ex.getResponseHeaders().add("Location", "/loop.xml");
      send(ex, 302, null, null);
    });
    server.createContext("/drip.xml", TestRoutes.drip(' ', 300, 50));
    server.createContext("/bomb.xml", ex -> {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
        gz.write("<rss version=\"2.0\"><channel><title>".getBytes(StandardCharsets.US_ASCII));
        byte[] zeros = new byte[1 << 20];
        java.util.Arrays.fill(zeros, (byte) 'A');
        for (int i = 0; i < 20; i++) {
          gz.write(zeros);
        }
      }
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      send(ex, 200, "application/rss+xml", zipped.toByteArray());
    });
    server.createContext("/latin.xml", ex -> send(ex, 200, "application/rss+xml; charset=utf-8",
        rss(item("g4", "Café à Pyongyang – déjà vu", "four")).getBytes(Charset.forName("windows-1252"))));
    server.createContext("/to-private.xml", ex -> {
      ex.getResponseHeaders().add("Location", "http://192.168.0.10/feed.xml");
      send(ex, 301, null, null);
    });
    server.createContext("/busy.xml", ex -> {
      ex.getResponseHeaders().add("Retry-After", "120");
      send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.US_ASCII));
    });
    server.createContext("/page.xml", ex -> send(ex, 200, "text/html",
        "<!DOCTYPE html><html><body>Not a feed</body></html>".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/edited.xml", ex -> send(ex, 200, "application/rss+xml",
        editable.get().getBytes(StandardCharsets.UTF_8)));
    server.start();
    FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1),
        1_000_000, 3, "WirewatchTest/1", List.of("127.0.0.1"));
    poller = new FeedPoller(new PageFetcher(limits), new FeedReader(), sink,
        new SeenItems(), RobotsPolicy.IGNORE, Integer.MAX_VALUE, 2, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    TestServer.stop(server);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    if (type != null) {
      ex.getResponseHeaders().add("Content-Type", type);
    }
    ex.sendResponseHeaders(status, body == null ? -1 : body.length);
    if (body != null) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String rss(String... items) {
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>" + base()
        + "/</link><description>d</description><ttl>45</ttl>" + String.join("", items) + "</channel></rss>";
  }

  private String item(String guid, String title, String slug) {
    return "<item><guid isPermaLink=\"false\">" + guid + "</guid><title>" + title + "</title><link>" + base()
        + "/news/story-" + slug + "-2024</link></item>";
  }

  private Source source(String path) {
    return new Source(path.replace("/", "").replace(".xml", ""), URI.create(base() + path), Source.Type.FEED, null);
  }

  private Poll poll(Source s, SourceState state) {
    Poll p = poller.poll(s, state);
    poller.publish(p);
    return p;
  }

  @Test
  void etagMakesTheSecondPollA304WithoutParsingOrRepeats() {
    Source s = source("/etag.xml");
    SourceState state = new SourceState();
    SourceStatus first = poll(s, state).status();
    Poll second = poll(s, state);
    assertThat(first.httpStatus()).isEqualTo(200);
    assertThat(first.itemsNew()).isEqualTo(2);
    assertThat(first.etag()).isEqualTo(ETAG);
    assertThat(first.bytes()).isPositive();
    assertThat(second.status().httpStatus()).isEqualTo(304);
    assertThat(second.status().itemsNew()).isZero();
    assertThat(second.status().error()).isNull();
    assertThat(second.ttl()).as("a 304 is not parsed").isNull();
    assertThat(first.durationMs()).isNotNegative();
    assertThat(feedBodies).hasValue(1);
    assertThat(sink.urls()).containsExactlyInAnyOrder(base() + "/news/story-one-2024", base() + "/news/story-two-2024");
  }

  @Test
  void lastModifiedMakesTheSecondPollA304() {
    Source s = source("/modified.xml");
    SourceState state = new SourceState();
    Poll first = poll(s, state);
    assertThat(first.ttl()).isEqualTo(Duration.ofMinutes(45));
    assertThat(poll(s, state).status().httpStatus()).isEqualTo(304);
    assertThat(feedBodies).hasValue(1);
    assertThat(sink.articles).hasSize(1);
  }

  @Test
  void stateRestoredFromTheLastStatusRecordKeepsConditionalGetAcrossRestarts() {
    Source s = source("/etag.xml");
    SourceStatus last = poll(s, new SourceState()).status();
    Poll afterRestart = poll(s, SourceState.from(last));
    assertThat(afterRestart.status().httpStatus()).isEqualTo(304);
    assertThat(feedBodies).hasValue(1);
  }

  @Test
  void redirectLoopIsAStatusWithAClearError() {
    SourceStatus st = poll(source("/loop.xml"), new SourceState()).status();
    assertThat(st.error()).contains("redirect loop");
    assertThat(st.httpStatus()).isEqualTo(302);
    assertThat(sink.articles).isEmpty();
    assertThat(sink.letters).singleElement().satisfies(d -> assertThat(d.stage()).isEqualTo(Stage.INGEST_FEED));
  }

  @Test
  void slowDripIsCutAtTheDeadline() {
    SourceStatus st = poll(source("/drip.xml"), new SourceState()).status();
    assertThat(st.error()).contains("total-timeout");
  }

  @Test
  void gzipBombIsCutOffAtTheBodyLimit() {
    SourceStatus st = poll(source("/bomb.xml"), new SourceState()).status();
    assertThat(st.error()).contains("larger than 1000000 bytes");
  }

  @Test
  void wrongCharsetInTheHeaderStillGivesTheRightText() {
    SourceStatus st = poll(source("/latin.xml"), new SourceState()).status();
    assertThat(st.error()).isNull();
    assertThat(sink.articles).singleElement()
        .satisfies(a -> assertThat(a.feedTitle()).isEqualTo("Café à Pyongyang – déjà vu"));
  }

  @Test
  void redirectToAPrivateAddressIsRefused() {
    SourceStatus st = poll(source("/to-private.xml"), new SourceState()).status();
    assertThat(st.error()).contains("refused").contains("192.168.0.10").contains("private");
  }

  @Test
  void serviceUnavailableCarriesRetryAfterAndTurnsUnhealthyAfterRepeatedFailures() {
    Source s = source("/busy.xml");
    SourceState state = new SourceState();
    Poll first = poll(s, state);
    assertThat(first.status().httpStatus()).isEqualTo(503);
    assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(first.status().healthy()).isTrue();
    Poll second = poll(s, state);
    assertThat(second.status().consecutiveFailures()).isEqualTo(2);
    assertThat(second.status().healthy()).isFalse();
  }

  @Test
  void htmlPageAtAFeedUrlIsNamedAsSuch() {
    SourceStatus st = poll(source("/page.xml"), new SourceState()).status();
    assertThat(st.httpStatus()).isEqualTo(200);
    assertThat(st.error()).contains("HTML page, not a feed");
  }

  @Test
  void reorderedFeedRepeatsNothingAndAnEditedItemIsEmittedOnceAsAnUpdate() {
    Source s = source("/edited.xml");
    SourceState state = new SourceState();
    editable.set(rss(item("a", "One", "one"), item("b", "Two", "two")));
    poll(s, state);
    editable.set(rss(item("b", "Two", "two"), item("a", "One", "one")));
    SourceStatus reordered = poll(s, state).status();
    assertThat(reordered.itemsNew()).isZero();
    assertThat(reordered.itemsSeen()).isEqualTo(2);
    editable.set(rss(item("b", "Two", "two"), item("a", "One (corrected)", "one")));
    SourceStatus edited = poll(s, state).status();
    SourceStatus again = poll(s, state).status();
    assertThat(edited.itemsUpdated()).isEqualTo(1);
    assertThat(again.itemsUpdated()).isZero();
    assertThat(sink.articles).hasSize(3);
    assertThat(sink.articles.stream().filter(RawArticle::update).map(RawArticle::feedTitle))
        .containsExactly("One (corrected)");
  }

  @Test
  void aFailingSourceDoesNotStopTheOthers() {
    poll(source("/busy.xml"), new SourceState());
    poll(source("/loop.xml"), new SourceState());
    SourceStatus ok = poll(source("/modified.xml"), new SourceState()).status();
    assertThat(ok.error()).isNull();
    assertThat(ok.itemsNew()).isEqualTo(1);
  }

  @Test
  void theStatusIsBuiltOnceWithTheNextPollTheSchedulerSet() {
    Poll p = poller.poll(source("/modified.xml"), new SourceState());
    Instant next = NOW.plus(Duration.ofMinutes(45));
    p.nextPollAt(next);
    poller.publish(p);
    assertThat(sink.statuses).singleElement().satisfies(st -> {
      assertThat(st.nextPollAt()).isEqualTo(next);
      assertThat(st.itemsNew()).isEqualTo(1);
      assertThat(st.lastModified()).isEqualTo(LAST_MODIFIED);
    });
    assertThat(p.status()).isSameAs(sink.statuses.get(0));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.nextPollAt(next.plusSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Records what the poller publishes. */
  static final class Sink implements IngestSink {
    final List<RawArticle> articles = new CopyOnWriteArrayList<>();
    final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();

    List<String> urls() {
      return articles.stream().map(RawArticle::url).toList();
    }

    @Override
    public void article(RawArticle article) {
      articles.add(article);
    }

    @Override
    public void deadLetter(String key, DeadLetter letter) {
      letters.add(letter);
    }

    @Override
    public void status(SourceStatus status) {
      statuses.add(status);
    }

    @Override
    public void flush() {
      // nothing buffered
    }

    @Override
    public void close() {
      // nothing held
    }
  }
}
