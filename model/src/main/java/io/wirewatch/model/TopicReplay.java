package io.wirewatch.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic once, from its first record to the end it had when the call began, with
 * {@code read_committed} and no consumer group: for tools that need a topic's current content
 * (the rules, the retained articles), never for processing.
 */
public final class TopicReplay {

  private TopicReplay() {}

  /** How many partitions {@code topic} has. */
  public static int partitions(String bootstrapServers, String topic) {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer())) {
      return c.partitionsFor(topic, Duration.ofSeconds(30)).size();
    }
  }

  /** Hands every committed record of {@code topic} to {@code each}, in offset order per partition. */
  public static void replay(String bootstrapServers, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      // With read_committed the end is the last stable offset: open transactions are not waited for.
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        c.poll(Duration.ofMillis(500)).forEach(each);
      }
    }
  }
}
