package io.wirewatch.process.alert;

import io.wirewatch.model.Rule;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the rules in {@code news.rules}: what {@code wirewatch rules} and the process
 * stage's first start use. Every running process instance sees a change within seconds through its
 * global store; nothing here talks to the instances.
 */
public final class RulesTopic {

  private final String bootstrapServers;
  private final Topic<String, Rule> topic;

  public RulesTopic(String bootstrapServers, Topic<String, Rule> topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  /** Writes (adds or replaces) every rule, waiting until all are acknowledged. */
  public void publish(List<Rule> rules) {
    send(rules.stream().map(r -> new ProducerRecord<>(topic.name(), r.id(), r)).toList());
  }

  /**
   * Writes the rules that are new or differ from the stored ones, so that importing the same file
   * again changes no version.
   *
   * @return the rules written
   */
  public List<Rule> publishChanged(List<Rule> rules) {
    Map<String, Rule> current = readAll();
    List<Rule> changed = rules.stream().filter(r -> !r.sameDefinition(current.get(r.id()))).toList();
    publish(changed);
    return changed;
  }

  /** Partitions of {@code news.rules}: 1 when Wirewatch created it. */
  public int partitions() {
    return TopicReplay.partitions(bootstrapServers, topic.name());
  }

  /** Writes a tombstone for {@code id}: the rule disappears from every instance. */
  public void remove(String id) {
    send(List.of(new ProducerRecord<>(topic.name(), id, (Rule) null)));
  }

  private void send(List<ProducerRecord<String, Rule>> records) {
    try (KafkaProducer<String, Rule> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        new StringSerializer(), topic.valueSerde().serializer())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      records.forEach(r -> acks.add(producer.send(r)));
      for (var ack : acks) {
        ack.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing rules", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write rules to " + topic.name() + ": " + e.getCause().getMessage(), e);
    }
  }

  /**
   * The current rules, by id: the whole compacted topic read once, later records replacing
   * earlier ones. Each rule's version is the one the process stage gives it ({@link Rule#versionAt}).
   */
  public Map<String, Rule> readAll() {
    Map<String, Rule> rules = new TreeMap<>();
    int partitions = partitions();
    TopicReplay.replay(bootstrapServers, topic.name(), r -> {
      if (r.value() == null) {
        rules.remove(r.key());
      } else {
        rules.put(r.key(), topic.valueSerde().deserializer().deserialize(topic.name(), r.value())
            .withVersion(Rule.versionAt(r.partition(), r.offset(), partitions)));
      }
    });
    return rules;
  }
}
