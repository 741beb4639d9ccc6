package io.wirewatch.ingest.source;

import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The sources table in {@code news.sources}: add, remove and list definitions, and read each
 * source's latest status from {@code news.source-status}. Running ingestors see changes within a
 * poll of their consumer, since they keep reading the topic.
 */
public final class SourceCatalog implements AutoCloseable {

  private final String bootstrapServers;
  private final Topics topics;
  private final KafkaProducer<String, byte[]> producer;

  private SourceCatalog(String bootstrapServers, Topics topics) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.CLIENT_ID_CONFIG, "wirewatch-sources"),
        new StringSerializer(), new ByteArraySerializer());
  }

  public static SourceCatalog connect(String bootstrapServers, Topics topics) {
    return new SourceCatalog(bootstrapServers, topics);
  }

  /** Adds or replaces each source; returns when all are acknowledged. */
  public void put(List<Source> sources) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    Topic<String, SourceDefinition> t = topics.sources();
    for (Source s : sources) {
      byte[] value = t.valueSerde().serializer().serialize(t.name(), s.toDefinition());
      acks.add(producer.send(new ProducerRecord<>(t.name(), s.id(), value)));
    }
    await(acks);
  }

  /** Removes a source (a tombstone); its instance stops polling it. */
  public void remove(String id) {
    await(List.of(producer.send(new ProducerRecord<>(topics.sources().name(), id, null))));
  }

  /** Current definitions by id. */
  public Map<String, SourceDefinition> definitions() {
    Map<String, SourceDefinition> out = new TreeMap<>();
    readAll(topics.sources(), (k, v) -> {
      if (v == null) {
        out.remove(k);
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The latest status record of each source. */
  public Map<String, SourceStatus> statuses() {
    Map<String, SourceStatus> out = new HashMap<>();
    readAll(topics.sourceStatus(), (k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  private <V> void readAll(Topic<String, V> topic, java.util.function.BiConsumer<String, V> sink) {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.CLIENT_ID_CONFIG, "wirewatch-sources-reader"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          sink.accept(r.key(), r.value() == null ? null
              : topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
        }
      }
    }
  }

  private static void await(List<Future<RecordMetadata>> acks) {
    try {
      for (Future<RecordMetadata> f : acks) {
        f.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing sources", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to news.sources: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
