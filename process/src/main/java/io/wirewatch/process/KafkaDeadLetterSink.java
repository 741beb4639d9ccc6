package io.wirewatch.process;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Topic;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes dead letters found outside the record stream (refused rules) with a producer of its own,
 * each acknowledged by every replica before {@link #send} returns: these are few, and an operator
 * must be able to count on seeing them.
 */
final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final Topic<String, DeadLetter> topic;
  private final KafkaProducer<String, DeadLetter> producer;

  KafkaDeadLetterSink(String bootstrapServers, Topic<String, DeadLetter> topic) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.CLIENT_ID_CONFIG, "wirewatch-process-rule-letters"),
        topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  @Override
  public void send(String key, DeadLetter letter) {
    try {
      producer.send(new ProducerRecord<>(topic.name(), key, letter)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a dead letter for " + key, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write a dead letter for " + key + " to " + topic.name(),
          e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
