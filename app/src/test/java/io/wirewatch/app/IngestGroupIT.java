package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingest instances in one consumer group on a real broker: the sources are split between
 * them by Kafka, and when one stops the other takes its sources over, resuming from their seen-set
 * so that no item is emitted twice and none is lost.
 */
class IngestGroupIT {

  private static final Topics TOPICS = Topics.withPrefix("group-it.");
  private static final int FEEDS = 8;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private EmbeddedKafka broker;
  private NumberedFeeds site;

  @BeforeEach
  void start() throws IOException {
    broker = new EmbeddedKafka(dir.resolve("broker"), Map.of()).start();
    TopicCreator.ensure(broker.bootstrapServers(), TOPICS, 3, (short) 1);
    site = new NumberedFeeds(FEEDS, 2);
  }

  @AfterEach
  void stop() {
    if (site != null) {
      site.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private Ingestor instance() {
    IngestConfig config = IngestConfig.from(Settings.builder()
        .defaultsResource(IngestConfig.DEFAULTS)
        .overrides(Map.of("ingest.fetch.allow-addresses", "127.0.0.1", "ingest.poll.interval", "1s",
            "ingest.politeness.min-delay", "0ms", "ingest.politeness.max-per-host", "8",
            "ingest.group-id", "group-it"))
        .build());
    Ingestor i = Ingestor.toKafka(broker.bootstrapServers(), config, TOPICS, Clock.systemUTC());
    i.start();
    return i;
  }

  @Test
  void stoppingOneInstanceMovesItsSourcesToTheOtherWithoutRepeatsOrLosses() throws Exception {
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < FEEDS; i++) {
      sources.add(new Source("feed-" + i, URI.create(site.feed(i)), Source.Type.FEED, null));
    }
    try (SourceCatalog c = SourceCatalog.connect(broker.bootstrapServers(), TOPICS)) {
      c.put(sources);
    }
    Set<String> all = sources.stream().map(Source::id).collect(Collectors.toSet());
    Ingestor a = instance();
    Ingestor b = null;
    try {
      b = instance();
      Ingestor first = a;
      Ingestor second = b;
      await(() -> !first.activeSources().isEmpty() && !second.activeSources().isEmpty()
          && union(first.activeSources(), second.activeSources()).equals(all), "sources split between both");
      assertThat(a.activeSources()).doesNotContainAnyElementsOf(b.activeSources());
      await(() -> rawUrls().size() >= FEEDS * 2, "first items of every feed");

      Set<String> movedSources = a.activeSources();
      a.close();
      a = null;
      await(() -> second.activeSources().equals(all), "the remaining instance polls every source");
      // New items on every feed, including those that moved: each must arrive exactly once.
      for (int i = 0; i < FEEDS; i++) {
        site.addItem(i);
      }
      await(() -> rawUrls().size() >= FEEDS * 3, "the new items");
      long polledAfterMove = statuses().stream().filter(s -> movedSources.contains(s.sourceId())).count();
      assertThat(polledAfterMove).isGreaterThan(movedSources.size());
    } finally {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
    }
    List<String> urls = rawUrls();
    assertThat(urls).hasSize(FEEDS * 3).doesNotHaveDuplicates();
  }

  private static Set<String> union(Set<String> x, Set<String> y) {
    Set<String> u = new HashSet<>(x);
    u.addAll(y);
    return u;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    ProcessOutputs.await(condition, WAIT, what);
  }

  private List<String> rawUrls() {
    return read(TOPICS.raw()).stream().map(RawArticle::url).toList();
  }

  private List<SourceStatus> statuses() {
    return read(TOPICS.sourceStatus());
  }

  private <V> List<V> read(Topic<String, V> topic) {
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(100)).forEach(r -> out.add(Contracts.read(topic, r.value())));
      }
    }
    return out;
  }
}
