package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest instances under faults, on a real broker: a zombie instance (stalled past its poll
 * timeout, its sources taken over by another) whose late commit the broker refuses, an unreadable
 * record of {@code news.sources}, and an instance that can no longer work exiting with its reason.
 */
class IngestFaultsIT {

  private static final Topics TOPICS = Topics.withPrefix("faults-it.");
  private static final int FEEDS = 6;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private EmbeddedKafka broker;
  private NumberedFeeds site;
  private final List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    broker = new EmbeddedKafka(dir.resolve("broker"), Map.of()).start();
    TopicCreator.ensure(broker.bootstrapServers(), TOPICS, 3, (short) 1);
    site = new NumberedFeeds(FEEDS, 2);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    if (site != null) {
      site.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static IngestConfig config(Map<String, String> extra) {
    Map<String, String> o = new HashMap<>(Map.of("ingest.fetch.allow-addresses", "127.0.0.1",
        "ingest.poll.interval", "1s", "ingest.politeness.min-delay", "0ms", "ingest.politeness.max-per-host", "8",
        "ingest.group-id", "faults-it"));
    o.putAll(extra);
    return IngestConfig.from(Settings.builder().defaultsResource(IngestConfig.DEFAULTS).overrides(o).build());
  }

  private Ingestor instance(IngestConfig config) {
    Ingestor i = Ingestor.toKafka(broker.bootstrapServers(), config, TOPICS, Clock.systemUTC());
    open.add(i);
    i.start();
    return i;
  }

  private List<Source> feeds() {
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < FEEDS; i++) {
      sources.add(new Source("feed-" + i, URI.create(site.feed(i)), Source.Type.FEED, null));
    }
    try (SourceCatalog c = SourceCatalog.connect(broker.bootstrapServers(), TOPICS)) {
      c.put(sources);
    }
    return sources;
  }

  @Test
  void aStalledInstanceWhoseSourcesMovedIsRefusedAtCommitAndStops() throws Exception {
    Set<String> all = feeds().stream().map(Source::id).collect(Collectors.toSet());
    // A short poll timeout makes the stall cost A its membership within seconds; a long transaction
    // timeout makes sure that what refuses A's late commit is the group generation, not a timeout.
    IngestConfig config = config(Map.of("ingest.consumer.max.poll.interval.ms", "3000",
        "ingest.producer.transaction.timeout.ms", "120000"));
    Ingestor a = instance(config);
    Ingestor b = instance(config);
    await(() -> !a.activeSources().isEmpty() && !b.activeSources().isEmpty()
        && union(a.activeSources(), b.activeSources()).equals(all), "sources split between both");
    await(() -> read(TOPICS.raw(), true).size() >= FEEDS * 2, "first items of every feed");
    Set<String> movedSources = a.activeSources();

    AtomicBoolean stall = new AtomicBoolean(true);
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    a.beforeEachCommit(() -> {
      if (stall.get()) {
        stalled.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < FEEDS; i++) {
      site.addItem(i);
    }
    // A's pollers go on and write the new items into A's open transaction; B takes A's sources
    // over once A's poll timeout has passed, and writes them too.
    List<String> newOfMoved = movedSources.stream()
        .map(id -> site.article(Integer.parseInt(id.substring(5)), 2)).toList();
    await(() -> b.activeSources().equals(all), "B polls every source");
    await(() -> {
      List<String> written = read(TOPICS.raw(), false).stream().map(RawArticle::url).toList();
      return newOfMoved.stream().allMatch(u -> Collections.frequency(written, u) >= 2);
    }, "the moved sources' new items written by both A (before it knows) and B");
    assertThat(a.failure()).isNotDone();

    stall.set(false);
    release.countDown();
    String reason = a.failure().get(30, TimeUnit.SECONDS);
    assertThat(reason).contains("refused").doesNotContain("\n");

    await(() -> read(TOPICS.raw(), true).size() >= FEEDS * 3, "every new item committed");
    List<String> committed = read(TOPICS.raw(), true).stream().map(RawArticle::url).toList();
    assertThat(committed).hasSize(FEEDS * 3).doesNotHaveDuplicates();
    assertThat(read(TOPICS.raw(), false).size()).as("A's refused writes are in the log, aborted")
        .isGreaterThan(committed.size());
  }

  @Test
  void anUnreadableSourcesRecordBecomesADeadLetterAndTheOthersArePolled() throws Exception {
    List<Source> sources = feeds();
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      p.send(new ProducerRecord<>(TOPICS.sources().name(), "broken", "{not a source".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    Ingestor i = instance(config(Map.of()));
    await(() -> i.activeSources().size() == sources.size(), "the readable sources polled");
    await(() -> read(TOPICS.deadLetter(), true).stream().anyMatch(d -> d.stage() == Stage.INGEST_SOURCE),
        "an ingest.source dead letter");
    DeadLetter d = read(TOPICS.deadLetter(), true).stream().filter(x -> x.stage() == Stage.INGEST_SOURCE)
        .findFirst().orElseThrow();
    assertThat(d.subject()).isEqualTo("broken");
    assertThat(d.payload()).isEqualTo("{not a source");
    assertThat(d.reason()).isNotBlank();
    assertThat(i.failure()).isNotDone();
  }

  @Test
  void anIngestInstanceThatCanNoLongerWorkExitsNonZeroWithOneLine() throws Exception {
    // Two members with one static id: the broker fences the first, whose sources loop then dies.
    String[] args = {"ingest", "--bootstrap-servers", broker.bootstrapServers(),
        "--set", "app.topics.prefix=" + "faults-it.", "--set", "ingest.group-id=faults-it-cmd",
        "--set", "ingest.consumer.group.instance.id=the-same"};
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
      var cl = Wirewatch.commandLine();
      cl.setErr(new PrintWriter(err, true));
      return cl.execute(args);
    });
    Thread.sleep(5_000); // the command's instance has joined the group
    assertThat(exit).isNotDone();
    instance(config(Map.of("ingest.group-id", "faults-it-cmd", "ingest.consumer.group.instance.id", "the-same")));

    int code = exit.get(60, TimeUnit.SECONDS);
    assertThat(code).isEqualTo(1);
    String line = err.toString().strip();
    assertThat(line).startsWith("wirewatch: ").doesNotContain("\n").containsIgnoringCase("fenced");
  }

  private static Set<String> union(Set<String> x, Set<String> y) {
    Set<String> u = new HashSet<>(x);
    u.addAll(y);
    return u;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    ProcessOutputs.await(condition, WAIT, what);
  }

  /** Every value of {@code topic}, read as a read_committed (or read_uncommitted) consumer sees it. */
  private <V> List<V> read(Topic<String, V> topic, boolean committed) {
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(100)).forEach(r -> {
          if (r.value() != null) {
            out.add(Contracts.read(topic, r.value()));
          }
        });
      }
    }
    return out;
  }
}
