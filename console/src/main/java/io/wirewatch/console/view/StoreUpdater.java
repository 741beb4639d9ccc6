package io.wirewatch.console.view;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one global store and its index up to date with the topic: the latest value per key, a
 * tombstone removing it. Values are read here rather than by a source deserializer so that an
 * unreadable record is skipped and counted instead of stopping the view.
 *
 * <p>Kafka Streams restores a global store before it initializes this processor, so {@link #init}
 * rebuilds the index from the restored store; every later record passes through {@link #process}.
 */
final class StoreUpdater<V> implements Processor<String, byte[], Void, Void> {

  private final String storeName;
  private final RecordReader<V> reader;
  private final ViewIndex<V> index;
  private final ViewHealth health;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, V> store;

  StoreUpdater(String storeName, RecordReader<V> reader, ViewIndex<V> index, ViewHealth health) {
    this.storeName = storeName;
    this.reader = reader;
    this.index = index;
    this.health = health;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    index.clear();
    long n = 0;
    try (KeyValueIterator<String, V> all = store.all()) {
      while (all.hasNext()) {
        var kv = all.next();
        index.update(kv.key, null, kv.value);
        n++;
      }
    }
    health.loaded(storeName, n);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(storeName);
    long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
    String key = record.key();
    if (key == null) {
      health.skipped(topic, null, offset, new IllegalArgumentException("record without a key"));
      return;
    }
    V value = null;
    if (record.value() != null) {
      try {
        value = reader.read(topic, key, record.value(), offset);
      } catch (RuntimeException e) {
        health.skipped(topic, key, offset, e);
        return;
      }
    }
    V before = store.get(key);
    if (value == null) {
      store.delete(key);
    } else {
      store.put(key, value);
    }
    health.counted(storeName, (value == null ? 0 : 1) - (before == null ? 0 : 1));
    index.update(key, before, value);
  }
}
