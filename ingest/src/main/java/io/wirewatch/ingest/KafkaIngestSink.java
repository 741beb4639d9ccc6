package io.wirewatch.ingest;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes raw articles to {@code news.raw} and failures to {@code news.dead-letter} with one
 * idempotent producer. Values are serialised with each topic's own serde.
 */
public final class KafkaIngestSink implements IngestSink {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestSink.class);

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final AtomicLong failedSends = new AtomicLong();

  public KafkaIngestSink(Producer<String, byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
  }

  /** A producer for {@code bootstrapServers} with the configured pass-through settings. */
  public static Producer<String, byte[]> producer(String bootstrapServers, Map<String, String> settings) {
    Map<String, Object> props = new HashMap<>(settings);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "wirewatch-ingest");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void article(RawArticle article) {
    send(topics.raw(), article.id(), article);
  }

  @Override
  public void deadLetter(String key, DeadLetter letter) {
    send(topics.deadLetter(), key, letter);
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), key, bytes), (meta, error) -> {
      if (error != null) {
        // The idempotent producer has already retried until delivery.timeout.ms: this is final.
        failedSends.incrementAndGet();
        LOG.error("lost a record for {} key {} after all retries", topic.name(), key, error);
      }
    });
  }

  /** Sends that failed after all retries since start. */
  public long failedSends() {
    return failedSends.get();
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
