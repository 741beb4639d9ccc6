package io.wirewatch.console.view;

import io.wirewatch.model.Rule;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The console's Streams application: one global store per topic it shows, each filled by a
 * {@link StoreUpdater} that also keeps the store's index. Global stores because the console answers
 * for every partition, restores them from the topics themselves (no changelog, no internal topic)
 * and joins no consumer group. Wiring only.
 */
public final class ConsoleTopology {

  public static final String ALERTS = "alerts";
  public static final String STORIES = "stories";
  public static final String ARTICLES = "articles";
  public static final String SOURCES = "sources";
  public static final String SOURCE_STATUS = "source-status";
  public static final String RULES = "rules";
  public static final Set<String> STORES = Set.of(ALERTS, STORIES, ARTICLES, SOURCES, SOURCE_STATUS, RULES);

  private ConsoleTopology() {}

  /** The indexes the stores feed. */
  public record Indexes(AlertIndex alerts, StoryIndex stories, ArticleIndex articles) {}

  public static Topology build(Topics topics, Indexes indexes, ViewHealth health) {
    StreamsBuilder b = new StreamsBuilder();
    // Alerts, stories and articles grow with the news: on disk (RocksDB). The other three are a
    // few hundred keys, read whole on every list: in memory, rebuilt from their topic at start.
    add(b, Stores.persistentKeyValueStore(ALERTS), topics.alerts(), plain(topics.alerts()), indexes.alerts(), health);
    add(b, Stores.persistentKeyValueStore(STORIES), topics.stories(), plain(topics.stories()), indexes.stories(),
        health);
    add(b, Stores.persistentKeyValueStore(ARTICLES), topics.articles(), plain(topics.articles()), indexes.articles(),
        health);
    add(b, Stores.inMemoryKeyValueStore(SOURCES), topics.sources(), plain(topics.sources()), ViewIndex.none(), health);
    add(b, Stores.inMemoryKeyValueStore(SOURCE_STATUS), topics.sourceStatus(), plain(topics.sourceStatus()),
        ViewIndex.none(), health);
    // A rule's version is the offset of its record, as the process stage and `rules list` see it.
    Topic<String, Rule> rules = topics.rules();
    add(b, Stores.inMemoryKeyValueStore(RULES), rules,
        (topic, key, value, offset) -> rules.valueSerde().deserializer().deserialize(topic, value).withVersion(offset),
        ViewIndex.none(), health);
    return b.build();
  }

  private static <V> RecordReader<V> plain(Topic<String, V> t) {
    return (topic, key, value, offset) -> t.valueSerde().deserializer().deserialize(topic, value);
  }

  private static <V> void add(StreamsBuilder b, KeyValueBytesStoreSupplier supplier, Topic<String, V> topic,
      RecordReader<V> reader, ViewIndex<V> index, ViewHealth health) {
    String store = supplier.name();
    b.addGlobalStore(
        Stores.keyValueStoreBuilder(supplier, Serdes.String(), topic.valueSerde()).withLoggingDisabled(),
        topic.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(store + "-source"),
        () -> new StoreUpdater<>(store, reader, index, health));
  }
}
