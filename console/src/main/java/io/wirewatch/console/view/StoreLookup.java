package io.wirewatch.console.view;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Finds a store by name: the running Streams application's, or a test driver's. */
public interface StoreLookup {
  <V> ReadOnlyKeyValueStore<String, V> store(String name);
}
