package io.wirewatch.notify;

import io.wirewatch.model.Topics;
import io.wirewatch.model.net.AddressGuard;
import io.wirewatch.notify.channel.Channel;
import io.wirewatch.notify.dead.DeadLetters;
import io.wirewatch.notify.deliver.Backoff;
import io.wirewatch.notify.deliver.ChannelWorker;
import io.wirewatch.notify.deliver.Delivery;
import io.wirewatch.notify.deliver.DeliveryListener;
import io.wirewatch.notify.deliver.HttpTransport;
import io.wirewatch.notify.deliver.Transport;
import io.wirewatch.notify.event.AlertEvents;
import io.wirewatch.notify.event.Event;
import io.wirewatch.notify.event.EventSource;
import io.wirewatch.notify.event.StoryBursts;
import io.wirewatch.notify.offset.OffsetTracker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notify instance: a member of the notify consumer group on {@code news.alerts} (and
 * {@code news.stories} for bursts), reading with {@code read_committed}. Each record becomes
 * events ({@link EventSource}), each event goes to the channels that want it
 * ({@link ChannelWorker}, one per channel, each with its own threads), and offsets are committed
 * only up to the first record some channel is not done with ({@link OffsetTracker}): delivered with
 * a 2xx, or given up with its dead letter stored. At least once: a crash re-delivers what was not
 * committed, under the same idempotency keys.
 *
 * <p>The consumer's thread reads, hands over and commits; it pauses reading while a channel's
 * backlog is full, so memory stays bounded when a channel is slow or down. An instance that can no
 * longer do its job (its loop dead, a dead letter it cannot write) completes {@link #failure()}
 * with a one-line reason; its owner should exit.
 */
public final class Notifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<String, byte[]> consumer;
  private final Supplier<Consumer<String, byte[]>> historyReader;
  private final Map<String, EventSource> sources = new LinkedHashMap<>();
  private final Dispatcher dispatcher;
  private final DeadLetters deadLetters;
  private final Transport transport;
  private final OffsetTracker tracker = new OffsetTracker();
  private final Duration maxEventAge;
  private final Duration commitInterval;
  private final Clock clock;
  private final CompletableFuture<String> failure = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean running = true;

  Notifier(Consumer<String, byte[]> consumer, Supplier<Consumer<String, byte[]>> historyReader,
      List<EventSource> sources, List<Channel> channels, Transport transport, DeadLetters deadLetters,
      NotifyConfig config, DeliveryListener listener, Clock clock) {
    this.consumer = consumer;
    this.historyReader = historyReader;
    sources.forEach(s -> this.sources.put(s.topic(), s));
    this.transport = transport;
    this.deadLetters = deadLetters;
    this.maxEventAge = config.maxEventAge();
    this.commitInterval = config.commitInterval();
    this.clock = clock;
    this.dispatcher = new Dispatcher(channels, transport,
        new Backoff(config.retry(), () -> ThreadLocalRandom.current().nextDouble()), clock, listener, deadLetters,
        this::fail, config.channelThreads(), config.queueCapacity());
    this.thread = new Thread(this::loop, "wirewatch-notify");
    this.thread.setDaemon(true);
  }

  /** An instance on the cluster at {@code bootstrapServers}, delivering to {@code channels}. */
  public static Notifier toKafka(String bootstrapServers, NotifyConfig config, Topics topics, List<Channel> channels,
      Clock clock, DeliveryListener listener) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("channels must not be empty");
    }
    String instance = config.groupId() + "-" + UUID.randomUUID();
    Map<String, Object> group = new HashMap<>(config.consumer());
    group.putAll(readerProps(bootstrapServers));
    group.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    group.put(ConsumerConfig.CLIENT_ID_CONFIG, instance);
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(group, new StringDeserializer(), new ByteArrayDeserializer());
    Supplier<Consumer<String, byte[]>> history = () -> {
      Map<String, Object> p = readerProps(bootstrapServers);
      p.put(ConsumerConfig.CLIENT_ID_CONFIG, instance + "-history");
      return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    };
    List<EventSource> sources = new ArrayList<>();
    sources.add(new AlertEvents(topics.alerts(), config.updates()));
    if (config.storyBursts()) {
      sources.add(new StoryBursts(topics.stories()));
    }
    return new Notifier(consumer, history, sources, channels, transport(config, clock),
        deadLetters(bootstrapServers, config, topics, instance, clock), config, listener, clock);
  }

  static Transport transport(NotifyConfig config, Clock clock) {
    return new HttpTransport(config.http(), new AddressGuard(NotifyConfig.ALLOW_ADDRESSES, config.allowAddresses()),
        clock);
  }

  static DeadLetters deadLetters(String bootstrapServers, NotifyConfig config, Topics topics, String clientId,
      Clock clock) {
    Map<String, Object> p = new HashMap<>(config.producer());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-dead-letters");
    return new DeadLetters(new KafkaProducer<>(p, topics.deadLetter().keySerde().serializer(),
        topics.deadLetter().valueSerde().serializer()), topics.deadLetter(), clock);
  }

  static Map<String, Object> readerProps(String bootstrapServers) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Only records of committed transactions: an alert of an aborted Streams attempt is never sent.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return p;
  }

  public void start() {
    dispatcher.start();
    thread.start();
  }

  /**
   * Completes with a one-line reason when this instance can no longer do its job; never completes
   * on a clean {@link #close()}.
   */
  public CompletableFuture<String> failure() {
    return failure.copy();
  }

  /** Deliveries handed to channels and not done yet, per channel. */
  public Map<String, Integer> backlogs() {
    return dispatcher.backlogs();
  }

  private void fail(String reason) {
    String line = reason.replace('\n', ' ');
    if (failure.complete(line)) {
      LOG.error("{}", line);
    }
  }

  private void loop() {
    try {
      consumer.subscribe(List.copyOf(sources.keySet()), new Rebalance());
      long nextCommit = System.nanoTime() + commitInterval.toNanos();
      while (running) {
        if (dispatcher.anyFull()) {
          consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
          consumer.resume(consumer.paused());
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          handle(r);
        }
        if (System.nanoTime() - nextCommit >= 0) {
          commit();
          nextCommit = System.nanoTime() + commitInterval.toNanos();
        }
      }
      commit();
    } catch (WakeupException e) {
      if (running) {
        fail("notify loop stopped: " + e);
      } else {
        commitQuietly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("notify loop stopped", e);
      fail("notify loop stopped: " + e);
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void handle(ConsumerRecord<String, byte[]> r) throws InterruptedException {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    EventSource source = sources.get(r.topic());
    List<Event> events;
    try {
      events = source.events(r.partition(), r.key(), r.value());
    } catch (RuntimeException e) {
      LOG.warn("unreadable record {}@{}/{} on {}: {}", r.key(), r.partition(), r.offset(), r.topic(), e.getMessage());
      try {
        deadLetters.unreadable(r.topic(), r.partition(), r.offset(), r.key(), r.value(), e);
      } catch (InterruptedException ie) {
        throw ie;
      } catch (Exception writeFailed) {
        throw new IllegalStateException("cannot write the notify.decode dead letter of " + r.topic() + "-"
            + r.partition() + "@" + r.offset() + ": " + writeFailed.getMessage(), writeFailed);
      }
      tracker.add(tp, r.offset(), 0);
      return;
    }
    Map<Event, List<ChannelWorker>> plan = new LinkedHashMap<>();
    int deliveries = 0;
    for (Event e : events) {
      if (Duration.between(e.occurredAt(), clock.instant()).compareTo(maxEventAge) > 0) {
        dispatcher.stale(e);
        continue;
      }
      List<ChannelWorker> to = dispatcher.wanting(e);
      plan.put(e, to);
      deliveries += to.size();
    }
    OffsetTracker.Pending pending = tracker.add(tp, r.offset(), deliveries);
    Delivery.Source where = new Delivery.Source(r.topic(), r.partition(), r.offset(), r.key());
    plan.forEach((e, to) -> to.forEach(w -> w.submit(new Delivery(e, where, pending.ticket()))));
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
    offsets.keySet().retainAll(consumer.assignment());
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      tracker.committed(offsets);
    } catch (CommitFailedException e) {
      // The group moved on (a rebalance): the new owner re-delivers from the last commit.
      LOG.warn("offset commit refused ({}); the partitions' new owner delivers from the last commit", e.getMessage());
    }
  }

  private void commitQuietly() {
    try {
      commit();
    } catch (RuntimeException e) {
      LOG.warn("final offset commit failed: {}", e.toString());
    }
  }

  /** Rebuilds the sources' memory of {@code partitions} from their records before the committed offset. */
  private void rebuild(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
    Map<TopicPartition, Long> until = new HashMap<>();
    committed.forEach((tp, o) -> {
      if (o != null && o.offset() > 0) {
        until.put(tp, o.offset());
      }
    });
    if (until.isEmpty()) {
      return;
    }
    long n = 0;
    try (Consumer<String, byte[]> c = historyReader.get()) {
      c.assign(until.keySet());
      c.seekToBeginning(until.keySet());
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (until.keySet().stream().anyMatch(tp -> c.position(tp) < until.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() < until.get(tp)) {
            try {
              sources.get(r.topic()).remember(r.partition(), r.key(), r.value());
              n++;
            } catch (RuntimeException unreadable) {
              // dead-lettered when it was first read
            }
          }
        }
      }
    }
    LOG.info("notify: memory of {} rebuilt from {} records handled before", until.keySet(), n);
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitQuietly();
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOG.warn("lost partitions {} (the group moved on without this instance): their deliveries in flight are dropped",
          partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        rebuild(partitions);
        LOG.info("notify: delivering from partitions {}", partitions);
      }
    }

    private void forget(Collection<TopicPartition> partitions) {
      tracker.remove(partitions);
      partitions.forEach(tp -> {
        EventSource s = sources.get(tp.topic());
        if (s != null) {
          s.forget(tp.partition());
        }
      });
    }
  }

  /**
   * Stops reading, commits what every channel is done with, and stops the channels; deliveries
   * still in flight or waiting for a retry are delivered again by the next instance.
   */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dispatcher.close();
    transport.close();
    deadLetters.close();
  }
}
