package io.wirewatch.app;

import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicReplay;
import io.wirewatch.model.contract.TopicContracts;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The end-to-end tests' reading of topics, checking each record against its topic's JSON Schema
 * first: every record an IT reads is a record of the documented contract.
 */
final class Contracts {

  private Contracts() {}

  /** The value of a record of {@code t}, after checking it against the topic's schema. */
  static <V> V read(Topic<String, V> t, byte[] value) {
    TopicContracts.assertValid(t, value);
    return t.valueSerde().deserializer().deserialize(t.name(), value);
  }

  /** {@code t}'s value deserializer, checking each record against the topic's schema first. */
  static <V> Deserializer<V> checked(Topic<String, V> t) {
    return (topic, data) -> {
      TopicContracts.assertValid(t, data);
      return t.valueSerde().deserializer().deserialize(topic, data);
    };
  }

  /** Checks every committed record of {@code t}; returns how many there are. */
  static long checkAll(String bootstrapServers, Topic<String, ?> t) {
    long[] n = {0};
    TopicReplay.replay(bootstrapServers, t.name(), r -> {
      TopicContracts.assertValid(t, r.value());
      n[0]++;
    });
    return n[0];
  }
}
