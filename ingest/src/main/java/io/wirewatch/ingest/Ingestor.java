package io.wirewatch.ingest;

import io.wirewatch.ingest.dedup.SeenItems;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.Fetcher;
import io.wirewatch.ingest.fetch.PageFetcher;
import io.wirewatch.ingest.fetch.PoliteFetcher;
import io.wirewatch.ingest.fetch.RobotsPolicy;
import io.wirewatch.ingest.fetch.RobotsTxt;
import io.wirewatch.ingest.schedule.HostGate;
import io.wirewatch.ingest.schedule.PollPlanner;
import io.wirewatch.ingest.schedule.SourceScheduler;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest instance: a member of the consumer group on {@code news.sources}. Kafka assigns it
 * partitions; for each it loads the sources' last status and seen-set, then polls those sources
 * until the partition is revoked, when it stops them and commits their output before the group
 * hands them to another instance. Coordination is entirely Kafka's group protocol.
 */
public final class Ingestor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private final Consumer<String, byte[]> sourcesConsumer;
  private final StateLoader loader;
  private final SourceScheduler scheduler;
  private final KafkaIngestSink sink;
  private final SeenItems seen;
  private final Topic<String, SourceDefinition> sourcesTopic;
  private final Map<String, SourceStatus> restored = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  Ingestor(Consumer<String, byte[]> sourcesConsumer, StateLoader loader, SourceScheduler scheduler,
      KafkaIngestSink sink, SeenItems seen, Topic<String, SourceDefinition> sourcesTopic) {
    this.sourcesConsumer = sourcesConsumer;
    this.loader = loader;
    this.scheduler = scheduler;
    this.sink = sink;
    this.seen = seen;
    this.sourcesTopic = sourcesTopic;
    this.thread = new Thread(this::loop, "wirewatch-ingest-sources");
    this.thread.setDaemon(true);
  }

  /** An instance on the cluster at {@code bootstrapServers}, polling what news.sources assigns it. */
  public static Ingestor toKafka(String bootstrapServers, IngestConfig config, Topics topics, Clock clock) {
    String instance = config.groupId() + "-" + UUID.randomUUID();
    KafkaIngestSink sink = new KafkaIngestSink(
        KafkaIngestSink.producer(bootstrapServers, config.producer(), instance), topics, config.commitInterval());
    HostGate gate = new HostGate(config.politeness().maxPerHost(), config.politeness().minDelay());
    Fetcher fetcher = new PoliteFetcher(new PageFetcher(config.fetch()), gate);
    RobotsPolicy robots = config.politeness().robots()
        ? new RobotsTxt(fetcher, "wirewatch", config.politeness().robotsTtl(), clock) : RobotsPolicy.IGNORE;
    SeenItems seen = new SeenItems();
    FeedPoller poller = new FeedPoller(fetcher, new FeedReader(), sink, seen, robots, config.fullContentChars(),
        config.schedule().unhealthyAfter(), clock);
    PollPlanner planner = new PollPlanner(config.schedule().jitter(), config.schedule().maxInterval(),
        config.schedule().backoffMax(), () -> ThreadLocalRandom.current().nextDouble());
    SourceScheduler scheduler = new SourceScheduler(poller, planner, config.pollInterval(), config.threads(), clock);
    Map<String, Object> group = consumerProps(bootstrapServers);
    group.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    group.put(ConsumerConfig.CLIENT_ID_CONFIG, instance + "-sources");
    group.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Leaving the group on close lets the others take over at once instead of after the session.
    group.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    group.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    Map<String, Object> plain = consumerProps(bootstrapServers);
    plain.put(ConsumerConfig.CLIENT_ID_CONFIG, instance + "-state");
    return new Ingestor(
        new KafkaConsumer<>(group, new StringDeserializer(), new ByteArrayDeserializer()),
        new StateLoader(new KafkaConsumer<>(plain, new StringDeserializer(), new ByteArrayDeserializer()), topics),
        scheduler, sink, seen, topics.sources());
  }

  /** Writes {@code sources} to news.sources, then starts an instance: what the file-driven commands use. */
  public static Ingestor toKafka(String bootstrapServers, IngestConfig config, Topics topics, List<Source> sources,
      Clock clock) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources must not be empty");
    }
    try (SourceCatalog catalog = SourceCatalog.connect(bootstrapServers, topics)) {
      catalog.put(sources);
    }
    return toKafka(bootstrapServers, config, topics, clock);
  }

  private static Map<String, Object> consumerProps(String bootstrapServers) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }

  public void start() {
    thread.start();
  }

  /** Sources this instance polls now. */
  public Set<String> activeSources() {
    return scheduler.active();
  }

  private void loop() {
    try {
      sourcesConsumer.subscribe(List.of(sourcesTopic.name()), new Rebalance());
      while (running) {
        for (ConsumerRecord<String, byte[]> r : sourcesConsumer.poll(Duration.ofMillis(500))) {
          apply(r);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("ingest sources loop stopped", e);
    } finally {
      stopPolling(Set.copyOf(sourcesConsumer.assignment().stream().map(TopicPartition::partition).toList()));
      sourcesConsumer.close(Duration.ofSeconds(10));
    }
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      scheduler.remove(r.key());
      seen.dropSource(r.key());
      return;
    }
    try {
      SourceDefinition d = sourcesTopic.valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (!d.enabled()) {
        scheduler.remove(d.id());
        return;
      }
      Source s = Source.from(d);
      scheduler.upsert(s, r.partition(), SourceState.from(restored.remove(s.id())));
    } catch (RuntimeException e) {
      LOG.warn("ignoring source {} in {}: {}", r.key(), r.topic(), e.getMessage());
    }
  }

  private void stopPolling(Set<Integer> partitions) {
    List<String> stopped = scheduler.removePartitions(partitions);
    sink.flush();
    stopped.forEach(seen::dropSource);
    if (!stopped.isEmpty()) {
      LOG.info("stopped polling {} sources of partitions {}", stopped.size(), partitions);
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      stopPolling(partitionNumbers(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      stopPolling(partitionNumbers(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Set<Integer> numbers = partitionNumbers(partitions);
      restored.putAll(loader.load(numbers, seen));
      // news.sources is a table: every assignment reads it from the start, and no offset is committed.
      sourcesConsumer.seekToBeginning(partitions);
      LOG.info("assigned sources partitions {}: {} statuses and {} seen items restored", numbers,
          restored.size(), seen.size());
    }

    private Set<Integer> partitionNumbers(Collection<TopicPartition> partitions) {
      return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }
  }

  @Override
  public void close() {
    running = false;
    sourcesConsumer.wakeup();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.close();
    sink.close();
  }
}
