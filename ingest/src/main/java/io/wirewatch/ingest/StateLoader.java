package io.wirewatch.ingest;

import io.wirewatch.ingest.dedup.SeenItems;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads what earlier owners of some sources partitions left: the latest status of each source
 * (validators, failures, next poll) and the seen-set, from the same partition numbers of
 * {@code news.source-status} and {@code news.seen}. Reads with read_committed up to the end, so
 * nothing an aborted or unfinished transaction wrote counts as emitted.
 */
final class StateLoader {

  private final Consumer<String, byte[]> consumer;
  private final Topics topics;

  /** @param consumer a consumer with no group (assign only), read_committed */
  StateLoader(Consumer<String, byte[]> consumer, Topics topics) {
    this.consumer = consumer;
    this.topics = topics;
  }

  Map<String, SourceStatus> load(Set<Integer> partitions, SeenItems seen) {
    Map<String, SourceStatus> statuses = new HashMap<>();
    read(topics.sourceStatus(), partitions, (k, v) -> {
      if (v == null) {
        statuses.remove(k);
      } else {
        statuses.put(v.sourceId(), v);
      }
    });
    read(topics.seen(), partitions, (k, v) -> {
      if (v != null) {
        seen.put(v.sourceId(), v.itemId(), v.contentHash());
      }
    });
    return statuses;
  }

  private <V> void read(Topic<String, V> topic, Set<Integer> partitions, BiConsumer<String, V> sink) {
    List<TopicPartition> parts = partitions.stream().map(p -> new TopicPartition(topic.name(), p)).toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    Map<TopicPartition, Long> end = consumer.endOffsets(parts);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + topic.name() + " partitions " + partitions
            + " to their end within 2 minutes");
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        V v = r.value() == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
        sink.accept(r.key(), v);
      }
    }
    consumer.unsubscribe();
  }
}
