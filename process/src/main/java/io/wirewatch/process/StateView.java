package io.wirewatch.process;

import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The two operations the process logic needs from a state store, so that the logic classes take
 * this instead of a Kafka Streams store and stay testable with a plain map.
 */
public interface StateView<V> {

  V get(String key);

  void put(String key, V value);

  /** A view of a plain map: state of tools that run without Kafka, and of tests. */
  static <V> StateView<V> of(Map<String, V> map) {
    return new StateView<>() {
      @Override
      public V get(String key) {
        return map.get(key);
      }

      @Override
      public void put(String key, V value) {
        map.put(key, value);
      }
    };
  }

  /**
   * A view of the keys of {@code store} that start with {@code prefix}: several owners (the
   * languages of one task) share a store without seeing each other's keys. A null value deletes.
   */
  static <V> StateView<V> prefixed(String prefix, KeyValueStore<String, V> store) {
    return new StateView<>() {
      @Override
      public V get(String key) {
        return store.get(prefix + key);
      }

      @Override
      public void put(String key, V value) {
        store.put(prefix + key, value);
      }
    };
  }

  /** A view of a Streams key-value store. */
  static <V> StateView<V> of(KeyValueStore<String, V> store) {
    return new StateView<>() {
      @Override
      public V get(String key) {
        return store.get(key);
      }

      @Override
      public void put(String key, V value) {
        store.put(key, value);
      }
    };
  }
}
