package io.wirewatch.console.events;

import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event streams read from {@code news.alerts} and {@code news.stories} by a consumer per client:
 * assigned every partition (no group: clients never share or commit positions), read_committed, so
 * that an event is sent only once its transaction is committed and never for an aborted one.
 */
public final class KafkaEventFeed implements EventFeed {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventFeed.class);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

  private final String bootstrapServers;
  private final Topic<String, ?> alerts;
  private final Topic<String, ?> stories;
  private final AtomicInteger clients = new AtomicInteger();

  public KafkaEventFeed(String bootstrapServers, Topics topics) {
    this.bootstrapServers = bootstrapServers;
    this.alerts = topics.alerts();
    this.stories = topics.stories();
  }

  @Override
  public Subscription subscribe(EventCursor from) {
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        // A position older than the retained log (or a topic recreated) restarts at its beginning.
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.CLIENT_ID_CONFIG, "wirewatch-console-events-" + clients.incrementAndGet()),
        new StringDeserializer(), new ByteArrayDeserializer());
    try {
      return new KafkaSubscription(c, from);
    } catch (RuntimeException e) {
      c.close(Duration.ofSeconds(5));
      throw e;
    }
  }

  private final class KafkaSubscription implements Subscription {
    private final KafkaConsumer<String, byte[]> consumer;
    private final SortedMap<Integer, Long> alertPositions = new TreeMap<>();
    private final SortedMap<Integer, Long> storyPositions = new TreeMap<>();

    KafkaSubscription(KafkaConsumer<String, byte[]> consumer, EventCursor from) {
      this.consumer = consumer;
      List<TopicPartition> alertParts = partitions(alerts.name());
      List<TopicPartition> storyParts = partitions(stories.name());
      List<TopicPartition> all = new ArrayList<>(alertParts);
      all.addAll(storyParts);
      consumer.assign(all);
      if (from == null) {
        consumer.seekToEnd(all);
      } else {
        seek(alertParts, from.alerts());
        seek(storyParts, from.stories());
      }
      // position() resolves a seek to the end (or beginning) into an offset: the first cursor.
      alertParts.forEach(p -> alertPositions.put(p.partition(), consumer.position(p, METADATA_TIMEOUT)));
      storyParts.forEach(p -> storyPositions.put(p.partition(), consumer.position(p, METADATA_TIMEOUT)));
    }

    private List<TopicPartition> partitions(String topic) {
      List<PartitionInfo> info = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      if (info == null || info.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      return info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** A partition the cursor does not name was added after it was written: read it from its start. */
    private void seek(List<TopicPartition> parts, SortedMap<Integer, Long> offsets) {
      for (TopicPartition p : parts) {
        Long o = offsets.get(p.partition());
        if (o == null) {
          consumer.seekToBeginning(List.of(p));
        } else {
          consumer.seek(p, o);
        }
      }
    }

    @Override
    public EventCursor cursor() {
      return new EventCursor(alertPositions, storyPositions);
    }

    @Override
    public List<ConsoleEvent> poll(Duration timeout) {
      List<ConsoleEvent> out = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
        boolean isAlert = r.topic().equals(alerts.name());
        (isAlert ? alertPositions : storyPositions).put(r.partition(), r.offset() + 1);
        if (r.value() == null) {
          continue; // a tombstone: nothing to show, but the position moves past it
        }
        Topic<String, ?> t = isAlert ? alerts : stories;
        Object value;
        try {
          value = t.valueSerde().deserializer().deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
          LOG.debug("event stream skips an unreadable record of {} at {}-{}: {}", r.topic(), r.partition(), r.offset(),
              e.getMessage());
          continue;
        }
        out.add(new ConsoleEvent(isAlert ? "alert" : "story", cursor().encode(), value));
      }
      return out;
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
