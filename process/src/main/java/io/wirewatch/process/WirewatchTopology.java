package io.wirewatch.process;

import io.wirewatch.model.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires the process stage; the logic is in {@link RawRecordHandler}.
 *
 * <pre>
 * news.raw (bytes) ── handle ──┬── failed ──────────────▶ news.dead-letter
 *        (revisions store)     └── article ─┬───────────▶ news.articles
 *                                           └── alerts ─▶ news.alerts (key ruleId/articleId)
 * </pre>
 *
 * Raw values are read as bytes and decoded inside the handler, so that a record that is not JSON
 * becomes a dead letter instead of stopping the application at the deserializer.
 */
public final class WirewatchTopology {

  /** Article id to {@code "<revision> <contentHash>"}; changelogged, so it survives restarts. */
  public static final String REVISIONS_STORE = "article-revisions";

  private WirewatchTopology() {}

  public static Topology build(Topics topics, RawRecordHandler handler) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(REVISIONS_STORE), Serdes.String(), Serdes.String()));

    KStream<String, Outcome> outcomes = builder
        .stream(topics.raw().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-raw"))
        .processValues(() -> new HandleRaw(handler), Named.as("handle-raw"), REVISIONS_STORE);

    Map<String, KStream<String, Outcome>> routes = outcomes
        .split(Named.as("route-"))
        .branch((k, o) -> o.isFailure(), Branched.as("failed"))
        .branch((k, o) -> o.isArticle(), Branched.as("article"))
        .noDefaultBranch(); // the rest are exact repeats: dropped by design

    routes.get("route-failed")
        .mapValues(Outcome::deadLetter, Named.as("to-dead-letter"))
        .to(topics.deadLetter().name(), produced(topics.deadLetter()));

    KStream<String, Outcome> articles = routes.get("route-article");
    articles
        .mapValues(Outcome::article, Named.as("to-article"))
        .to(topics.articles().name(), produced(topics.articles()));
    articles
        .flatMap((k, o) -> o.alerts().stream().map(a -> KeyValue.pair(a.key(), a)).toList(), Named.as("to-alerts"))
        .to(topics.alerts().name(), produced(topics.alerts()));

    return builder.build();
  }

  private static <V> Produced<String, V> produced(io.wirewatch.model.Topic<String, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde()).withName("write-" + topic.name());
  }

  /** Adapts the handler to the Processor API and the revisions store. */
  private static final class HandleRaw implements FixedKeyProcessor<String, byte[], Outcome> {
    private final RawRecordHandler handler;
    private FixedKeyProcessorContext<String, Outcome> context;
    private RawRecordHandler.RevisionStore revisions;

    HandleRaw(RawRecordHandler handler) {
      this.handler = handler;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
      this.context = context;
      KeyValueStore<String, String> store = context.getStateStore(REVISIONS_STORE);
      this.revisions = new RawRecordHandler.RevisionStore() {
        @Override
        public String get(String id) {
          return store.get(id);
        }

        @Override
        public void put(String id, String value) {
          store.put(id, value);
        }
      };
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      context.forward(record.withValue(handler.handle(record.key(), record.value(), revisions)));
    }
  }
}
