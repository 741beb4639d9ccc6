package io.wirewatch.console.view;

import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.model.Topics;
import io.wirewatch.process.RocksDbMemory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's Kafka Streams application: starts it, says whether it is ready, stops it. */
public final class ViewStreams implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ViewStreams.class);

  private final KafkaStreams streams;
  private final ViewHealth health = new ViewHealth();
  private final ConsoleViews views;
  private final Map<String, ReadOnlyKeyValueStore<String, ?>> found = new ConcurrentHashMap<>();
  private volatile Throwable failure;

  public ViewStreams(String bootstrapServers, ConsoleConfig config, Topics topics, Clock clock) {
    ConsoleTopology.Indexes indexes = new ConsoleTopology.Indexes(new AlertIndex(), new StoryIndex(clock),
        new ArticleIndex());
    this.streams = new KafkaStreams(ConsoleTopology.build(topics, indexes, health), properties(bootstrapServers, config));
    this.streams.setUncaughtExceptionHandler(e -> {
      failure = e;
      LOG.error("the console's stores stopped: {}", e.toString(), e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    this.views = new ConsoleViews(this::store, indexes, health);
  }

  /** Off-heap memory of all the console's RocksDB stores together. */
  static final long ROCKSDB_BYTES = 32L * 1024 * 1024;

  static Properties properties(String bootstrapServers, ConsoleConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    // Global stores only: no stream thread has work, so none is started and no group is joined.
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 0);
    // Only what the stages committed: an aborted transaction's alerts never show.
    p.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    // The stores here are read by key and written at the pace of the news: a small shared budget.
    p.putAll(RocksDbMemory.properties(ROCKSDB_BYTES));
    p.putAll(config.streams());
    return p;
  }

  public ViewStreams start() {
    streams.start();
    return this;
  }

  public ConsoleViews views() {
    return views;
  }

  public ViewHealth health() {
    return health;
  }

  /** Streams RUNNING and every store restored and indexed. */
  public boolean ready() {
    return streams.state() == KafkaStreams.State.RUNNING && health.allLoaded(ConsoleTopology.STORES);
  }

  public String state() {
    return streams.state().name();
  }

  /** Why the stores stopped for good, or null while they work. */
  public Throwable failure() {
    return failure;
  }

  @SuppressWarnings("unchecked")
  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return (ReadOnlyKeyValueStore<String, V>) found.computeIfAbsent(name, n -> streams.store(
        StoreQueryParameters.fromNameAndType(n, QueryableStoreTypes.<String, V>keyValueStore())));
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
