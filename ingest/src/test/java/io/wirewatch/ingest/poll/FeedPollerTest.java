package io.wirewatch.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.ingest.IngestSink;
import io.wirewatch.ingest.TestServer;
import io.wirewatch.model.Stage;
import io.wirewatch.ingest.IngestConfig.FetchLimits;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.FetchException;
import io.wirewatch.ingest.fetch.PageFetcher;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedPollerTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final String PAGE_A = "<html><head><title>A</title></head><body><p>Story A</p></body></html>";
  private static final String PAGE_B = "<html><head><title>B</title></head><body><p>Story B é</p></body></html>";

  private HttpServer server;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final ListSink sink = new ListSink();
  private FeedPoller poller;

  @BeforeEach
  void setUp() throws IOException {
    server = TestServer.create();
    server.start();
    FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 1_000_000, 3, "WirewatchTest/1", java.util.List.of("127.0.0.1", "::1"));
    poller = new FeedPoller(new PageFetcher(limits), new FeedReader(), sink,
        CLOCK);
  }

  @AfterEach
  void tearDown() {
    TestServer.stop(server);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private URI url(String path) {
    return URI.create(base() + path);
  }

  /** Serves {@code body} at {@code path} with {@code status}; status is read at each request. */
  private void serve(String path, AtomicInteger status, String contentType, String body) {
    hits.put(path, new AtomicInteger());
    server.createContext(path, ex -> {
      hits.get(path).incrementAndGet();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.sendResponseHeaders(status.get(), bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
      ex.close();
    });
  }

  private void serve(String path, String contentType, String body) {
    serve(path, new AtomicInteger(200), contentType, body);
  }

  private static String rss(String... items) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Test wire</title><link>http://127.0.0.1/</link>
        <description>d</description>
        %s
        </channel></rss>
        """.formatted(String.join("\n", items));
  }

  private static String item(String title, String link, String pubDate) {
    return "<item><title>" + title + "</title>"
        + (link == null ? "" : "<link>" + link.replace("&", "&amp;") + "</link>")
        + "<guid isPermaLink=\"false\">" + title + "</guid>"
        + (pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>")
        + "</item>";
  }

  private Source feed(String path) {
    return new Source("test-wire", url(path), Source.Type.FEED, null);
  }

  private AtomicInteger standardFeed() {
    AtomicInteger cStatus = new AtomicInteger(500);
    serve("/feed.xml", "application/rss+xml", rss(
        item("Alpha", base() + "/a.html", "Wed, 01 May 2024 09:30:00 GMT"),
        item("Bravo", "b.html", "Wed, 01 May 2024 10:00:00 GMT"), // relative to the feed URL
        item("Charlie", "/c.html", null)));
    serve("/a.html", "text/html; charset=utf-8", PAGE_A);
    serve("/b.html", "text/html; charset=utf-8", PAGE_B);
    serve("/c.html", cStatus, "text/html", "<html><body>Internal error</body></html>");
    return cStatus;
  }

  @Test
  void emitsOneArticlePerGoodPageAndDeadLettersTheFailedOne() {
    standardFeed();

    Poll report = poller.poll(feed("/feed.xml"));

    assertCounts(report, "test-wire", 3, 2, 1);
    assertThat(sink.articles).hasSize(2);

    RawArticle a = sink.articles.get(0);
    String aUrl = base() + "/a.html";
    assertThat(a.id()).isEqualTo(ArticleId.of(aUrl));
    assertThat(a.url()).isEqualTo(aUrl);
    assertThat(a.sourceId()).isEqualTo("test-wire");
    assertThat(a.feedTitle()).isEqualTo("Alpha");
    assertThat(a.feedPublished()).isEqualTo(Instant.parse("2024-05-01T09:30:00Z"));
    assertThat(a.fetchedAt()).isEqualTo(NOW);
    assertThat(a.contentType()).isEqualTo("text/html");
    assertThat(a.html()).isEqualTo(PAGE_A);
    assertThat(a.contentHash()).isEqualTo(ArticleId.contentHash(PAGE_A));

    RawArticle b = sink.articles.get(1);
    assertThat(b.id()).isEqualTo(ArticleId.of(base() + "/b.html"));
    assertThat(b.url()).isEqualTo(base() + "/b.html");
    assertThat(b.feedTitle()).isEqualTo("Bravo");
    assertThat(b.html()).isEqualTo(PAGE_B);
    assertThat(b.fetchedAt()).isEqualTo(NOW);

    assertThat(sink.deadLetters).hasSize(1);
    Keyed dead = sink.deadLetters.get(0);
    String cUrl = base() + "/c.html";
    assertThat(dead.key()).isEqualTo(cUrl);
    assertThat(dead.letter().stage()).isEqualTo(Stage.INGEST_PAGE);
    assertThat(dead.letter().subject()).isEqualTo(cUrl);
    assertThat(dead.letter().reason()).contains("500").contains(cUrl);
    assertThat(dead.letter().errorType()).isEqualTo(FetchException.class.getName());
    assertThat(dead.letter().at()).isEqualTo(NOW);
  }

  @Test
  void secondPollEmitsNothingNewButRetriesTheFailedPage() {
    AtomicInteger cStatus = standardFeed();
    Source source = feed("/feed.xml");
    poller.poll(source);

    Poll second = poller.poll(source);

    assertCounts(second, "test-wire", 3, 0, 1);
    assertThat(sink.articles).hasSize(2);
    assertThat(sink.deadLetters).hasSize(2);
    assertThat(sink.deadLetters.get(1).letter().stage()).isEqualTo(Stage.INGEST_PAGE);
    assertThat(sink.deadLetters.get(1).letter().reason()).contains("500");
    assertThat(hits.get("/feed.xml")).hasValue(2);
    assertThat(hits.get("/a.html")).hasValue(1);
    assertThat(hits.get("/b.html")).hasValue(1);
    assertThat(hits.get("/c.html")).hasValue(2);

    // once the server recovers, the page that failed is emitted at the next poll
    cStatus.set(200);
    Poll third = poller.poll(source);

    assertCounts(third, "test-wire", 3, 1, 0);
    assertThat(sink.articles).hasSize(3);
    assertThat(sink.articles.get(2).url()).isEqualTo(base() + "/c.html");
    assertThat(sink.articles.get(2).feedTitle()).isEqualTo("Charlie");
    assertThat(sink.articles.get(2).feedPublished()).isNull();
  }

  @Test
  void twoSpellingsOfOneUrlYieldOneArticle() {
    serve("/dup.xml", "application/rss+xml", rss(
        item("Plain", base() + "/same.html", null),
        item("Tracked", base() + "/same.html?utm_source=rss&utm_medium=feed#comments", null)));
    serve("/same.html", "text/html", "<html><body>same</body></html>");

    Poll report = poller.poll(feed("/dup.xml"));

    assertCounts(report, "test-wire", 2, 1, 0);
    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.url()).isEqualTo(base() + "/same.html");
      assertThat(a.id()).isEqualTo(ArticleId.of(base() + "/same.html"));
    });
    assertThat(hits.get("/same.html")).hasValue(1);
    assertThat(sink.deadLetters).isEmpty();
  }

  @Test
  void sameHostCanonicalLinkNamesTheArticle() {
    serve("/canon.xml", "application/rss+xml", rss(item("Renamed", base() + "/p1.html?session=9", null)));
    serve("/p1.html", "text/html", """
        <html><head><link rel="canonical" href="/stories/final-name?utm_source=x"></head>
        <body>renamed</body></html>""");

    poller.poll(feed("/canon.xml"));

    String canonical = base() + "/stories/final-name";
    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.url()).isEqualTo(canonical);
      assertThat(a.id()).isEqualTo(ArticleId.of(canonical));
    });
  }

  @Test
  void canonicalLinkOnAnotherHostIsIgnored() {
    serve("/foreign.xml", "application/rss+xml", rss(item("Hijack", base() + "/p2.html", null)));
    serve("/p2.html", "text/html", """
        <html><head><link rel="canonical" href="https://other-outlet.example.net/their-story">
        <meta property="og:url" content="https://other-outlet.example.net/their-story"></head>
        <body>claims to be someone else</body></html>""");

    poller.poll(feed("/foreign.xml"));

    String own = base() + "/p2.html";
    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.url()).isEqualTo(own);
      assertThat(a.id()).isEqualTo(ArticleId.of(own));
    });
  }

  @Test
  void feedReturningHtmlGarbageIsOneFeedDeadLetter() {
    serve("/garbage.xml", "text/html", "<html><body><p>Oops, not a feed<br></body></html>");

    Poll report = poller.poll(feed("/garbage.xml"));

    assertCounts(report, "test-wire", 0, 0, 1);
    assertThat(sink.articles).isEmpty();
    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo(base() + "/garbage.xml");
      assertThat(d.letter().stage()).isEqualTo(Stage.INGEST_FEED);
      assertThat(d.letter().subject()).isEqualTo(base() + "/garbage.xml");
      assertThat(d.letter().reason()).contains("not a readable feed").contains(base() + "/garbage.xml");
      assertThat(d.letter().at()).isEqualTo(NOW);
    });
  }

  @Test
  void feedFetchFailureIsOneFeedDeadLetter() {
    serve("/missing.xml", new AtomicInteger(404), "text/plain", "nope");

    Poll report = poller.poll(feed("/missing.xml"));

    assertThat(report.failed()).isEqualTo(1);
    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.letter().stage()).isEqualTo(Stage.INGEST_FEED);
      assertThat(d.letter().reason()).contains("404");
    });
  }

  @Test
  void entryWithoutLinkIsDeadLetteredAndTheOthersStillFlow() {
    serve("/nolink.xml", "application/rss+xml", rss(
        item("Linkless", null, null),
        item("Fine", base() + "/fine.html", null)));
    serve("/fine.html", "text/html", "<html><body>fine</body></html>");

    Poll report = poller.poll(feed("/nolink.xml"));

    assertCounts(report, "test-wire", 2, 1, 1);
    assertThat(sink.articles).extracting(RawArticle::feedTitle).containsExactly("Fine");
    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.letter().stage()).isEqualTo(Stage.INGEST_ENTRY);
      assertThat(d.letter().payload()).contains("Linkless");
    });
  }

  @Test
  void entryWithAnUnusableLinkIsDeadLetteredWithTheReason() {
    serve("/badlink.xml", "application/rss+xml", rss(item("Broken", "http://news.example/a|b", null)));

    Poll report = poller.poll(feed("/badlink.xml"));

    assertThat(report.failed()).isEqualTo(1);
    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.letter().stage()).isEqualTo(Stage.INGEST_ENTRY);
      assertThat(d.letter().reason()).startsWith("feed entry has no usable link: ").contains("not a URL");
    });
  }

  @Test
  void htmlSourceIsFetchedOnceAsAnArticle() {
    serve("/single.html", "text/html; charset=utf-8", PAGE_A);
    Source page = new Source("single", url("/single.html"), Source.Type.PAGE, null);

    Poll first = poller.poll(page);
    Poll second = poller.poll(page);

    assertCounts(first, "single", 1, 1, 0);
    assertCounts(second, "single", 1, 0, 0);
    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.sourceId()).isEqualTo("single");
      assertThat(a.feedTitle()).isNull();
      assertThat(a.html()).isEqualTo(PAGE_A);
      assertThat(a.fetchedAt()).isEqualTo(NOW);
    });
    assertThat(hits.get("/single.html")).hasValue(1);
  }

  @Test
  void feedRedirectingToAnotherSchemeIsAFeedDeadLetter() {
    server.createContext("/moved.xml", ex -> {
      ex.getResponseHeaders().set("Location", "ftp://127.0.0.1/feed.xml");
      ex.sendResponseHeaders(301, -1);
      ex.close();
    });

    Poll report = poller.poll(feed("/moved.xml"));

    assertCounts(report, "test-wire", 0, 0, 1);
    assertThat(sink.deadLetters).singleElement()
        .satisfies(d -> assertThat(d.letter().stage()).isEqualTo(Stage.INGEST_FEED));
  }

  /** What the old PollReport compared: the source, entries listed, articles emitted, failures. */
  private static void assertCounts(Poll poll, String sourceId, int entries, int emitted, int failed) {
    assertThat(List.of(poll.sourceId(), poll.entries(), poll.emitted(), poll.failed()))
        .containsExactly(sourceId, entries, emitted, failed);
  }

  record Keyed(String key, DeadLetter letter) {}

  /** Collects what the poller hands over, in order. */
  static final class ListSink implements IngestSink {
    final List<RawArticle> articles = new CopyOnWriteArrayList<>();
    final List<Keyed> deadLetters = new CopyOnWriteArrayList<>();

    @Override
    public void article(RawArticle article) {
      articles.add(article);
    }

    @Override
    public void deadLetter(String key, DeadLetter letter) {
      deadLetters.add(new Keyed(key, letter));
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
