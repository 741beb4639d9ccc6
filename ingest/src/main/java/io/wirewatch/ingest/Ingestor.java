package io.wirewatch.ingest;

import io.wirewatch.ingest.dedup.SeenItems;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.Fetcher;
import io.wirewatch.ingest.fetch.PageFetcher;
import io.wirewatch.ingest.fetch.PoliteFetcher;
import io.wirewatch.ingest.fetch.RobotsPolicy;
import io.wirewatch.ingest.fetch.RobotsTxt;
import io.wirewatch.ingest.poll.FeedPoller;
import io.wirewatch.ingest.poll.SourceState;
import io.wirewatch.ingest.schedule.HostGate;
import io.wirewatch.ingest.schedule.PollPlanner;
import io.wirewatch.ingest.schedule.SourceScheduler;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 *
 * <p>The sources loop owns the consumer and commits the polls' output every
 * {@code ingest.commit-interval}, fenced by the consumer's generation (see {@link KafkaIngestSink}).
 * An instance that can no longer do its job (its transaction refused, its producer fenced, its
 * loop dead) completes {@link #failure()} with a one-line reason; its owner should exit.
 */
public final class Ingestor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private final Consumer<String, byte[]> sourcesConsumer;
  private final StateLoader loader;
  private final SourceScheduler scheduler;
  private final KafkaIngestSink sink;
  private final SeenItems seen;
  private final Topic<String, SourceDefinition> sourcesTopic;
  private final Duration commitInterval;
  private final Clock clock;
  private final AutoCloseable fetcher;
  private final IngestMetrics metrics;
  private final Map<String, SourceStatus> restored = new ConcurrentHashMap<>();
  private final CompletableFuture<String> failure = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean running = true;
  /** The group has given this instance an assignment (possibly empty) that it still holds. */
  private volatile boolean assigned;
  private volatile Runnable beforeCommit = () -> {};

  Ingestor(Consumer<String, byte[]> sourcesConsumer, StateLoader loader, SourceScheduler scheduler,
      KafkaIngestSink sink, SeenItems seen, Topic<String, SourceDefinition> sourcesTopic, Duration commitInterval,
      Clock clock, AutoCloseable fetcher, IngestMetrics metrics) {
    this.sourcesConsumer = sourcesConsumer;
    this.loader = loader;
    this.scheduler = scheduler;
    this.sink = sink;
    this.seen = seen;
    this.sourcesTopic = sourcesTopic;
    this.commitInterval = commitInterval;
    this.clock = clock;
    this.fetcher = fetcher;
    this.metrics = metrics;
    this.thread = new Thread(this::loop, "wirewatch-ingest-sources");
    this.thread.setDaemon(true);
  }

  /** An instance on the cluster at {@code bootstrapServers}, polling what news.sources assigns it. */
  public static Ingestor toKafka(String bootstrapServers, IngestConfig config, Topics topics, Clock clock) {
    return toKafka(bootstrapServers, config, topics, clock, IngestMetrics.none());
  }

  /**
   * As {@link #toKafka(String, IngestConfig, Topics, Clock)}, counting on {@code metrics}, which
   * the instance also binds its Kafka clients to and closes with itself.
   */
  public static Ingestor toKafka(String bootstrapServers, IngestConfig config, Topics topics, Clock clock,
      IngestMetrics metrics) {
    String instance = config.groupId() + "-" + UUID.randomUUID();
    Map<String, Object> group = new HashMap<>(config.consumer());
    group.putAll(consumerProps(bootstrapServers));
    group.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    group.put(ConsumerConfig.CLIENT_ID_CONFIG, instance + "-sources");
    group.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<String, byte[]> sources =
        new KafkaConsumer<>(group, new StringDeserializer(), new ByteArrayDeserializer());
    // Random transactional ids are safe with KIP-447 fencing: the group generation, not the id,
    // tells a live instance from a zombie.
    var producer = KafkaIngestSink.producer(bootstrapServers, config.producer(), instance);
    KafkaIngestSink sink = new KafkaIngestSink(producer, topics, fencingOf(sources));
    metrics.bind(sources);
    metrics.bind(producer);
    HostGate gate = new HostGate(config.politeness().maxPerHost(), config.politeness().minDelay());
    PageFetcher pageFetcher = new PageFetcher(config.fetch());
    Fetcher fetcher = new PoliteFetcher(metrics.timed(pageFetcher), gate);
    RobotsPolicy robots = config.politeness().robots()
        ? new RobotsTxt(fetcher, "wirewatch", config.politeness().robotsTtl(), clock) : RobotsPolicy.IGNORE;
    SeenItems seen = new SeenItems();
    FeedPoller poller = new FeedPoller(fetcher, new FeedReader(), metrics.counting(sink), seen, robots, config.fullContentChars(),
        config.schedule().unhealthyAfter(), clock);
    PollPlanner planner = new PollPlanner(config.schedule().jitter(), config.schedule().maxInterval(),
        config.schedule().backoffMax(), () -> ThreadLocalRandom.current().nextDouble());
    SourceScheduler scheduler = new SourceScheduler(poller, planner, config.pollInterval(), config.threads(), clock);
    Map<String, Object> plain = consumerProps(bootstrapServers);
    plain.put(ConsumerConfig.CLIENT_ID_CONFIG, instance + "-state");
    return new Ingestor(sources,
        new StateLoader(new KafkaConsumer<>(plain, new StringDeserializer(), new ByteArrayDeserializer()), topics),
        scheduler, sink, seen, topics.sources(), config.commitInterval(), clock, pageFetcher, metrics);
  }

  /** Writes {@code sources} to news.sources, then starts an instance: what the file-driven commands use. */
  public static Ingestor toKafka(String bootstrapServers, IngestConfig config, Topics topics, List<Source> sources,
      Clock clock) {
    return toKafka(bootstrapServers, config, topics, sources, clock, IngestMetrics.none());
  }

  /** As {@link #toKafka(String, IngestConfig, Topics, List, Clock)}, counting on {@code metrics}. */
  public static Ingestor toKafka(String bootstrapServers, IngestConfig config, Topics topics, List<Source> sources,
      Clock clock, IngestMetrics metrics) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources must not be empty");
    }
    try (SourceCatalog catalog = SourceCatalog.connect(bootstrapServers, topics)) {
      catalog.put(sources);
    }
    return toKafka(bootstrapServers, config, topics, clock, metrics);
  }

  private static Map<String, Object> consumerProps(String bootstrapServers) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }

  /**
   * The consumer's positions in its assigned partitions and its group metadata, as of the
   * generation it is in: read on the sources loop, the consumer's own thread.
   */
  private static KafkaIngestSink.Fencing fencingOf(Consumer<String, byte[]> consumer) {
    return new KafkaIngestSink.Fencing() {
      @Override
      public Map<TopicPartition, OffsetAndMetadata> offsets() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
          out.put(tp, new OffsetAndMetadata(consumer.position(tp)));
        }
        return out;
      }

      @Override
      public ConsumerGroupMetadata groupMetadata() {
        return consumer.groupMetadata();
      }
    };
  }

  public void start() {
    metrics.sources(scheduler::active);
    thread.start();
  }

  /**
   * Empty while this instance does its job: its sources loop runs and the group has given it an
   * assignment (an empty one too: an instance beyond the partition count is a ready standby).
   * Otherwise why not, in one line, for {@code GET /ready}.
   */
  public Optional<String> notReady() {
    if (failure.isDone()) {
      return Optional.of(failure.getNow("stopped"));
    }
    if (!thread.isAlive()) {
      return Optional.of(running ? "the ingest sources loop is not running" : "the ingest instance is stopping");
    }
    if (!assigned) {
      return Optional.of("waiting for the ingest group (" + sourcesTopic.name() + ") to assign partitions");
    }
    return Optional.empty();
  }

  /** Sources this instance polls now. */
  public Set<String> activeSources() {
    return scheduler.active();
  }

  /**
   * Completes with a one-line reason when this instance can no longer do its job (its output
   * refused or fenced, its sources loop dead); never completes on a clean {@link #close()}.
   */
  public CompletableFuture<String> failure() {
    return failure.copy();
  }

  /**
   * Fault injection for tests: {@code hook} runs on the sources loop before each commit. A hook
   * that blocks stalls the instance's group membership and commits (as a stuck thread or a long
   * pause would) while its pollers go on writing into the open transaction.
   */
  public void beforeEachCommit(Runnable hook) {
    this.beforeCommit = hook;
  }

  private void loop() {
    try {
      sourcesConsumer.subscribe(List.of(sourcesTopic.name()), new Rebalance());
      long nextCommit = System.nanoTime() + commitInterval.toNanos();
      while (running) {
        for (ConsumerRecord<String, byte[]> r : sourcesConsumer.poll(commitInterval)) {
          apply(r);
        }
        beforeCommit.run();
        if (System.nanoTime() - nextCommit >= 0) {
          sink.flush();
          nextCommit = System.nanoTime() + commitInterval.toNanos();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        fail(e);
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      try {
        stopPolling(partitionNumbers(sourcesConsumer.assignment()), true);
      } catch (RuntimeException e) {
        fail(e);
      }
      sourcesConsumer.close(Duration.ofSeconds(10));
    }
  }

  private void fail(RuntimeException e) {
    IngestStoppedException stopped = rootStop(e);
    String reason = stopped != null ? stopped.getMessage()
        : ("ingest sources loop stopped: " + e).replace('\n', ' ');
    if (failure.complete(reason)) {
      LOG.error("{}", reason, e);
    }
  }

  /** The sink's refusal, also when it reached the loop wrapped by the consumer's rebalance callback. */
  private static IngestStoppedException rootStop(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IngestStoppedException s) {
        return s;
      }
    }
    return null;
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      if (r.key() != null) {
        scheduler.remove(r.key());
        seen.dropSource(r.key());
      }
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
      // Written on every assignment that reads the record, for as long as it stays in the table.
      String subject = r.key() != null ? r.key() : r.topic() + "-" + r.partition() + "@" + r.offset();
      LOG.warn("unreadable source {} in {}: {}", subject, r.topic(), e.getMessage());
      sink.deadLetter(subject, DeadLetter.of(Stage.INGEST_SOURCE, subject, e,
          new String(r.value(), StandardCharsets.UTF_8), clock.instant()));
      metrics.deadLetter(Stage.INGEST_SOURCE);
    }
  }

  /**
   * Stops polling the sources of {@code partitions}; commits their output when the generation that
   * owned them is still current, else aborts it (another instance produces it again).
   */
  private void stopPolling(Set<Integer> partitions, boolean commit) {
    List<String> stopped = scheduler.removePartitions(partitions);
    if (commit) {
      sink.flush();
    } else {
      sink.abort();
    }
    stopped.forEach(seen::dropSource);
    if (!stopped.isEmpty()) {
      LOG.info("stopped polling {} sources of partitions {}", stopped.size(), partitions);
    }
  }

  private static Set<Integer> partitionNumbers(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      stopPolling(partitionNumbers(partitions), true);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOG.warn("lost sources partitions {} (the group moved on without this instance): their open output is aborted",
          partitionNumbers(partitions));
      assigned = false;
      stopPolling(partitionNumbers(partitions), false);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned = true;
      if (partitions.isEmpty()) {
        return;
      }
      Set<Integer> numbers = partitionNumbers(partitions);
      restored.putAll(loader.load(numbers, seen));
      // news.sources is a table: every assignment reads it from the start. The positions committed
      // with each transaction are for fencing, not for resuming.
      sourcesConsumer.seekToBeginning(partitions);
      LOG.info("assigned sources partitions {}: {} statuses and {} seen items restored", numbers,
          restored.size(), seen.size());
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
    metrics.close();
    try {
      fetcher.close();
    } catch (Exception e) {
      LOG.warn("closing the fetcher failed: {}", e.toString());
    }
  }
}
