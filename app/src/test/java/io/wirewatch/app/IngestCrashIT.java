package io.wirewatch.app;

import static io.wirewatch.app.ProcessOutputs.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.TopicReplay;
import io.wirewatch.model.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirewatch ingest} in a child JVM killed with SIGKILL in the middle of a poll (pages of its
 * feeds half fetched, a transaction open), then started again: every item of every feed is in
 * {@code news.raw} exactly once, read with {@code read_committed} — what the dead instance had
 * committed is not fetched again, what it had not committed is.
 *
 * <p>{@code -Dwirewatch.faults.long=true}: twice the feeds and items, and a second round of new
 * items with a second kill.
 */
class IngestCrashIT {

  private static final String PREFIX = "crash.";
  private static final Topics TOPICS = Topics.withPrefix(PREFIX);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int FEEDS = ProcessFaultsIT.LONG ? 6 : 3;
  private static final int ITEMS = ProcessFaultsIT.LONG ? 60 : 30;
  /** Each page takes this long to serve, like a remote site: a poll of a feed lasts seconds, so a kill lands in one. */
  private static final long PAGE_MILLIS = 25;

  @TempDir
  Path dir;

  private EmbeddedKafka broker;
  private HttpServer http;
  private final AtomicInteger pagesServed = new AtomicInteger();
  /** Items each feed lists now. */
  private final AtomicInteger items = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    // The killed instance's open transaction holds back read_committed readers until the broker
    // aborts it: its timeout, then the broker's next check for timed-out transactions, every
    // 10 s by default; every second here, to keep the test short.
    broker = new EmbeddedKafka(dir.resolve("broker"),
        Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")).start();
    TopicCreator.ensure(broker.bootstrapServers(), TOPICS, 3, (short) 1);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    http.createContext("/feed/", ex -> {
      int n = Integer.parseInt(ex.getRequestURI().getPath().substring("/feed/".length()));
      StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed ")
          .append(n).append("</title><link>").append(base()).append("/</link><description>d</description>");
      for (int k = 0; k < items.get(); k++) {
        b.append("<item><guid>").append(n).append('-').append(k).append("</guid><title>Item ").append(k)
            .append(" of feed ").append(n).append("</title><link>").append(url(n, k)).append("</link></item>");
      }
      NumberedFeeds.send(ex, b.append("</channel></rss>").toString(), "application/rss+xml");
    });
    http.createContext("/article/", ex -> {
      try {
        Thread.sleep(PAGE_MILLIS); // the fixture plays a remote site; nothing synchronises on it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pagesServed.incrementAndGet();
      String path = ex.getRequestURI().getPath();
      NumberedFeeds.send(ex, "<html><head><title>Page " + path + "</title></head><body><article><h1>Page " + path + "</h1>"
          + "<p>The harbour council reviewed the budget for the river bridge on Monday, page " + path + ".</p>"
          + "<p>Residents asked for the repairs to start before the winter storms arrive in the region.</p>"
          + "</article></body></html>", "text/html; charset=utf-8");
    });
    http.start();
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.stop(0);
    }
    if (broker != null) {
      broker.close();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private String url(int feed, int item) {
    return base() + "/article/" + feed + "/" + item;
  }

  @Test
  void ingestKilledMidPollAndRestartedWritesEveryItemExactlyOnce() throws Exception {
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < FEEDS; i++) {
      sources.add(new Source("feed-" + i, URI.create(base() + "/feed/" + i), Source.Type.FEED, null));
    }
    try (SourceCatalog c = SourceCatalog.connect(broker.bootstrapServers(), TOPICS)) {
      c.put(sources);
    }
    List<String> args = List.of("ingest", "--bootstrap-servers", broker.bootstrapServers(),
        "--set", "app.topics.prefix=" + PREFIX,
        "--set", "app.data-dir=" + dir.resolve("data"),
        "--set", "ingest.group-id=crash-it",
        "--set", "ingest.fetch.allow-addresses=127.0.0.1",
        "--set", "ingest.politeness.min-delay=0ms",
        "--set", "ingest.politeness.max-per-host=4",
        "--set", "ingest.poll.interval=2s",
        // One poller thread polls the feeds one after the other, and a poll's output waits up to
        // 3 s for its commit: so there is a moment when one feed's items sit in an open
        // transaction while the next feed's pages are being fetched, and the kill waits for it.
        "--set", "ingest.threads=1",
        "--set", "ingest.commit-interval=3s",
        // Shorter than the defaults (15 s, 10 s), to keep the suite short: how long the killed
        // instance's open transaction holds read_committed readers back, and how long its
        // sources stay with it. Still twice the commit interval and six heartbeats.
        "--set", "ingest.producer.transaction.timeout.ms=6000",
        "--set", "ingest.consumer.session.timeout.ms=6000");
    Path log = ChildWirewatch.logFile("IngestCrashIT", "ingest.log");
    int rounds = ProcessFaultsIT.LONG ? 2 : 1;
    Set<String> expected = new HashSet<>();
    ChildWirewatch ingest = ChildWirewatch.start("ingest", log, args);
    try {
      for (int round = 1; round <= rounds; round++) {
        // New items on every feed; the instance polling them is killed mid-poll and restarted.
        int servedBefore = pagesServed.get();
        items.set(ITEMS * round);
        for (int f = 0; f < FEEDS; f++) {
          for (int k = ITEMS * (round - 1); k < ITEMS * round; k++) {
            expected.add(url(f, k));
          }
        }
        ChildWirewatch running = ingest;
        // Mid-poll: one feed's items in an open transaction, and a page of another feed fetched.
        await(() -> uncommittedRaw() > 0 && pagesServed.get() - servedBefore > ITEMS || !running.isAlive(), WAIT,
            "items in an open transaction while the next feed's pages are fetched");
        running.checkAlive();
        long open = uncommittedRaw();
        int served = pagesServed.get() - servedBefore;
        ingest.kill();
        assertThat(served).as("new pages fetched when killed: mid-poll").isLessThan(FEEDS * ITEMS);
        System.out.printf("IngestCrashIT: kill %d of %d with %d of %d new pages fetched and %d raw records in "
            + "an open transaction%n", round, rounds, served, FEEDS * ITEMS, open);
        ingest = ChildWirewatch.start("ingest", log, args);
        await(() -> new HashSet<>(rawUrls()).containsAll(expected), WAIT, "every item in " + TOPICS.raw().name());
      }
      // One more poll of every source after that, so that a repeat would be in the topic by now.
      Map<String, Long> polls = statusCounts();
      await(() -> {
        Map<String, Long> now = statusCounts();
        return sources.stream().allMatch(s -> now.getOrDefault(s.id(), 0L) > polls.getOrDefault(s.id(), 0L));
      }, WAIT, "a further poll of every source");
      ingest.checkAlive();
    } finally {
      ingest.close();
    }
    List<String> urls = rawUrls();
    assertThat(urls).as("every item once in news.raw (read_committed)")
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    long written = countReadUncommitted(TOPICS.raw());
    System.out.printf("IngestCrashIT: %d items exactly once after %d kill(s); %d pages fetched in all; "
        + "%d raw records in the log, %d of them aborted with the killed instance's transactions%n",
        urls.size(), rounds, pagesServed.get(), written, written - urls.size());
  }

  /** Raw records written in transactions not yet committed or aborted: high watermarks past last stable offsets. */
  private long uncommittedRaw() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      IntStream.range(0, 3).forEach(p -> latest.put(new TopicPartition(TOPICS.raw().name(), p), OffsetSpec.latest()));
      var all = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
      var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      return latest.keySet().stream().mapToLong(p -> all.get(p).offset() - stable.get(p).offset()).sum();
    } catch (Exception e) {
      throw new AssertionError("cannot read the offsets of " + TOPICS.raw().name(), e);
    }
  }

  private List<String> rawUrls() {
    List<String> urls = new ArrayList<>();
    TopicReplay.replay(broker.bootstrapServers(), TOPICS.raw().name(),
        r -> urls.add(TOPICS.raw().valueSerde().deserializer().deserialize(TOPICS.raw().name(), r.value()).url()));
    return urls;
  }

  private Map<String, Long> statusCounts() {
    Map<String, Long> counts = new HashMap<>();
    TopicReplay.replay(broker.bootstrapServers(), TOPICS.sourceStatus().name(), r -> counts.merge(r.key(), 1L, Long::sum));
    return counts;
  }

  /** Data records of {@code topic} as a read_uncommitted reader sees them (aborted ones included). */
  private long countReadUncommitted(Topic<String, RawArticle> topic) {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long n = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        n += c.poll(Duration.ofMillis(200)).count();
      }
      return n;
    }
  }
}
