package io.wirewatch.notify;

import io.wirewatch.model.Alert;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Json;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import io.wirewatch.notify.channel.Channel;
import io.wirewatch.notify.dead.DeadLetters;
import io.wirewatch.notify.dead.FailedDelivery;
import io.wirewatch.notify.deliver.Backoff;
import io.wirewatch.notify.deliver.ChannelWorker;
import io.wirewatch.notify.deliver.Delivery;
import io.wirewatch.notify.deliver.DeliveryListener;
import io.wirewatch.notify.deliver.DeliveryStats;
import io.wirewatch.notify.deliver.Outcome;
import io.wirewatch.notify.deliver.Transport;
import io.wirewatch.notify.event.Event;
import io.wirewatch.notify.event.EventType;
import io.wirewatch.notify.offset.OffsetTracker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wirewatch notify --replay-dead-letters}: delivers once more every {@code notify.deliver}
 * dead letter written since the last replay, to the channel that gave it up, with the same body
 * and idempotency key, and the same retries. Reads {@code news.dead-letter} up to its end at the
 * start under its own consumer group, whose offsets are committed as letters are done: each
 * letter is replayed once, and a replay stopped half-way resumes where it stopped. A replay that
 * fails again writes a new dead letter, for the next replay.
 */
public final class DeadLetterReplay {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

  /**
   * What a replay did.
   *
   * @param letters      notify.deliver letters read
   * @param delivered    delivered this time
   * @param deadAgain    given up again (a new dead letter)
   * @param unknownChannel letters of a channel the channels file no longer has (left as they are)
   */
  public record Summary(int letters, long delivered, long deadAgain, int unknownChannel) {}

  private DeadLetterReplay() {}

  public static Summary run(String bootstrapServers, NotifyConfig config, Topics topics, List<Channel> channels,
      Clock clock, DeliveryListener listener) throws InterruptedException {
    String instance = config.replayGroupId() + "-" + UUID.randomUUID();
    DeliveryStats stats = new DeliveryStats();
    CompletableFuture<String> fatal = new CompletableFuture<>();
    Map<String, Object> props = new HashMap<>(config.consumer());
    props.putAll(Notifier.readerProps(bootstrapServers));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.replayGroupId());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, instance);
    Topic<String, DeadLetter> topic = topics.deadLetter();
    OffsetTracker tracker = new OffsetTracker();
    int letters = 0;
    int unknown = 0;
    try (Transport transport = Notifier.transport(config, clock);
        DeadLetters deadLetters = Notifier.deadLetters(bootstrapServers, config, topics, instance, clock);
        Dispatcher dispatcher = new Dispatcher(channels, transport,
            new Backoff(config.retry(), () -> ThreadLocalRandom.current().nextDouble()), clock, listener.and(stats),
            deadLetters, fatal::complete, config.channelThreads(), config.queueCapacity());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            new ByteArrayDeserializer())) {
      dispatcher.start();
      // Assigned rather than subscribed: a replay is a one-off reader, it has no partner to share with.
      List<TopicPartition> parts = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(parts);
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(java.util.Set.copyOf(parts));
      for (TopicPartition tp : parts) {
        OffsetAndMetadata o = committed.get(tp);
        if (o == null) {
          consumer.seekToBeginning(List.of(tp));
        } else {
          consumer.seek(tp, o.offset());
        }
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() >= end.get(tp)) {
            tracker.add(tp, r.offset(), 0);
            continue;
          }
          FailedDelivery failed = failedDelivery(topic, r);
          if (failed == null) {
            tracker.add(tp, r.offset(), 0);
            continue;
          }
          letters++;
          ChannelWorker worker = dispatcher.byId(failed.channel());
          if (worker == null) {
            unknown++;
            LOG.warn("dead letter of {} for channel '{}', which the channels file does not have: left as it is",
                failed.event() + " " + failed.subject(), failed.channel());
            tracker.add(tp, r.offset(), 0);
            continue;
          }
          Event event = event(failed, bootstrapServers);
          Delivery.Source where = failed.topic() == null ? null
              : new Delivery.Source(failed.topic(), failed.partition(), failed.offset(), failed.subject());
          worker.submit(new Delivery(event, where, tracker.add(tp, r.offset(), 1).ticket()));
        }
        commit(consumer, tracker);
      }
      while (tracker.pending() > 0 && !fatal.isDone()) {
        Thread.sleep(100);
        commit(consumer, tracker);
      }
      if (fatal.isDone()) {
        throw new IllegalStateException(fatal.join());
      }
      commit(consumer, tracker);
    }
    return new Summary(letters, stats.total(Outcome.DELIVERED), stats.total(Outcome.DEAD_LETTERED), unknown);
  }

  private static void commit(KafkaConsumer<String, byte[]> consumer, OffsetTracker tracker) {
    Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
      tracker.committed(offsets);
    }
  }

  /** The notify.deliver payload of a record, or null for any other letter (or one that cannot be read). */
  private static FailedDelivery failedDelivery(Topic<String, DeadLetter> topic, ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    try {
      DeadLetter d = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
      return d.stage() == Stage.NOTIFY_DELIVER && d.payload() != null ? FailedDelivery.parse(d.payload()) : null;
    } catch (RuntimeException e) {
      LOG.warn("skipping unreadable dead letter {}@{}/{}: {}", r.key(), r.partition(), r.offset(), e.getMessage());
      return null;
    }
  }

  /** The event as it was given up: its body from the letter, or from its record when the letter had no room for it. */
  static Event event(FailedDelivery f, String bootstrapServers) {
    try {
      byte[] json = f.body() != null ? Json.MAPPER.writeValueAsBytes(f.body()) : record(f, bootstrapServers);
      EventType type = EventType.of(f.event());
      if (type == EventType.STORY_BURST) {
        Story s = Json.MAPPER.readValue(json, Story.class);
        return new Event(type, f.id(), f.subject(), s.burstAt() == null ? Instant.EPOCH : s.burstAt(), null, s, json);
      }
      Alert a = Json.MAPPER.readValue(json, Alert.class);
      return new Event(type, f.id(), f.subject(), a.updatedAt() == null ? Instant.EPOCH : a.updatedAt(), a, null, json);
    } catch (IOException e) {
      throw new IllegalArgumentException("dead letter of " + f.event() + " " + f.subject() + ": unreadable event: "
          + e.getMessage(), e);
    }
  }

  /** The value of the record at the letter's coordinates. */
  private static byte[] record(FailedDelivery f, String bootstrapServers) {
    if (f.topic() == null || f.partition() == null || f.offset() == null) {
      throw new IllegalArgumentException("dead letter of " + f.event() + " " + f.subject()
          + " has neither the event nor where to find it");
    }
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Notifier.readerProps(bootstrapServers),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(f.topic(), f.partition());
      c.assign(List.of(tp));
      c.seek(tp, f.offset());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.offset() == f.offset()) {
            return r.value();
          }
        }
      }
    }
    throw new IllegalArgumentException("dead letter of " + f.event() + " " + f.subject() + ": its record "
        + f.topic() + "-" + f.partition() + "@" + f.offset() + " is no longer there (retention)");
  }
}
