package io.wirewatch.model;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's contract: its name and the serdes of its keys and values. Producers, consumers, the
 * Streams topology and the tests all take topics from {@link Topics}, never from string literals.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
