package io.wirewatch.process;

import io.wirewatch.model.Alert;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.JsonSerde;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import io.wirewatch.process.alert.FloodGate;
import io.wirewatch.process.alert.PendingAlert;
import io.wirewatch.process.alert.RuleBook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the process stage; the logic is in {@link RawRecordHandler}, {@link RuleBook} and
 * {@link FloodGate}.
 *
 * <pre>
 * news.rules ──▶ global store ──▶ RuleBook (every instance, every rule, updated live)
 *                      └── unreadable or refused ──▶ news.dead-letter (through the sink)
 *
 * news.raw (bytes) ── handle ──┬── failed ─────────────────────────────────────▶ news.dead-letter
 *        (revisions store)     └── article ─┬──────────────────────────────────▶ news.articles
 *                                           └── alerts ─▶ by rule ─▶ flood gate ─▶ news.alerts
 *                                                                  (alert memory)
 * </pre>
 *
 * Raw values and rules are read as bytes and decoded inside the processors, so that a record that
 * is not JSON becomes a dead letter instead of stopping the app.
 */
public final class WirewatchTopology {

  private static final Logger LOG = LoggerFactory.getLogger(WirewatchTopology.class);

  /** Article id to {@code "<revision> <contentHash>"}; changelogged, so it survives restarts. */
  public static final String REVISIONS_STORE = "article-revisions";
  /** The rules of {@code news.rules}, on every instance. */
  public static final String RULES_STORE = "rules";
  /** Recent alerts by rule and URL / rule and story fingerprint, for flood control. */
  public static final String ALERT_MEMORY_STORE = "alert-memory";
  /** How often expired alert memories are deleted. */
  static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private WirewatchTopology() {}

  /**
   * @param ruleLetters where refused records of {@code news.rules} go: a global store cannot
   *                    forward records, so they are written through this sink
   */
  public static Topology build(Topics topics, RawRecordHandler handler, RuleBook rules, FloodGate floodGate,
      DeadLetterSink ruleLetters, int rulesPartitions, Clock clock) {
    JsonSerde<PendingAlert> pendingSerde = new JsonSerde<>(PendingAlert.class);
    StreamsBuilder builder = new StreamsBuilder();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RULES_STORE), Serdes.String(),
            topics.rules().valueSerde()).withLoggingDisabled(),
        topics.rules().name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-rules"),
        () -> new ApplyRule(rules, topics.rules(), ruleLetters, rulesPartitions, clock));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(REVISIONS_STORE), Serdes.String(), Serdes.String()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ALERT_MEMORY_STORE), Serdes.String(), new JsonSerde<>(FloodGate.Memory.class)));

    KStream<String, Outcome> outcomes = builder
        .stream(topics.raw().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-raw"))
        .processValues(() -> new HandleRaw(handler), Named.as("handle-raw"), REVISIONS_STORE);

    outcomes
        .flatMapValues(Outcome::deadLetters, Named.as("to-dead-letters"))
        .to(topics.deadLetter().name(), produced(topics.deadLetter()));

    // Exact repeats carry neither an article nor a dead letter: dropped by design.
    KStream<String, Outcome> articles = outcomes.filter((k, o) -> o.isArticle(), Named.as("articles-only"));
    articles
        .mapValues(Outcome::article, Named.as("to-article"))
        .to(topics.articles().name(), produced(topics.articles()));
    articles
        .flatMap((k, o) -> o.alerts().stream().map(a -> KeyValue.pair(a.alert().ruleId(), a)).toList(), Named.as("alerts-by-rule"))
        .repartition(Repartitioned.with(Serdes.String(), pendingSerde).withName("alerts-by-rule"))
        .processValues(() -> new GateAlert(floodGate), Named.as("flood-gate"), ALERT_MEMORY_STORE)
        .selectKey((rule, alert) -> alert.key(), Named.as("key-by-alert"))
        .to(topics.alerts().name(), produced(topics.alerts()));

    return builder.build();
  }

  private static <V> Produced<String, V> produced(Topic<String, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde()).withName("write-" + topic.name());
  }

  /** Adapts the handler to the Processor API and the revisions store. */
  private static final class HandleRaw implements FixedKeyProcessor<String, byte[], Outcome> {
    private final RawRecordHandler handler;
    private FixedKeyProcessorContext<String, Outcome> context;
    private StateView<String> revisions;

    HandleRaw(RawRecordHandler handler) {
      this.handler = handler;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
      this.context = context;
      KeyValueStore<String, String> store = context.getStateStore(REVISIONS_STORE);
      this.revisions = StateView.of(store);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      context.forward(record.withValue(handler.handle(record.key(), record.value(), revisions)));
    }
  }

  /**
   * Applies each change of {@code news.rules} to the store and to the live rule book. A record that
   * is unreadable or refused becomes a {@code process.rule} dead letter; the previous version of the
   * rule, if any, stays active. Kafka Streams replays this topic through here at every start, so a
   * record still refused is reported again at each start, as rules refused at import are.
   */
  private static final class ApplyRule implements Processor<String, byte[], Void, Void> {
    private final RuleBook rules;
    private final Topic<String, Rule> topic;
    private final DeadLetterSink letters;
    private final int partitions;
    private final Clock clock;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Rule> store;

    ApplyRule(RuleBook rules, Topic<String, Rule> topic, DeadLetterSink letters, int partitions, Clock clock) {
      this.rules = rules;
      this.topic = topic;
      this.letters = letters;
      this.partitions = partitions;
      this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.context = context;
      this.store = context.getStateStore(RULES_STORE);
      // Whatever restoration already put in the store must be live in the rule book too. Only
      // accepted rules are stored, so a refusal here means the engine changed under a stored rule.
      try (KeyValueIterator<String, Rule> all = store.all()) {
        all.forEachRemaining(kv -> rules.put(kv.value).ifPresent(e -> refuse(kv.key, e.reason(), null)));
      }
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.value() == null) {
        store.delete(record.key());
        rules.remove(record.key());
        LOG.info("rule {} removed", record.key());
        return;
      }
      Rule rule;
      try {
        rule = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
      } catch (RuntimeException e) {
        refuse(record.key(), "unreadable record in " + topic.name() + ": " + e.getMessage(),
            new String(record.value(), StandardCharsets.UTF_8));
        return;
      }
      long version = context.recordMetadata()
          .map(m -> Rule.versionAt(m.partition(), m.offset(), partitions)).orElse(rule.version());
      Rule versioned = rule.withVersion(version);
      // Only an accepted rule is stored: after a restart every instance then holds the same last
      // good version that running instances kept. `wirewatch rules` checks rules before writing,
      // so a refused record here was written around it.
      rules.put(versioned).ifPresentOrElse(
          e -> refuse(record.key(), "v" + version + " refused, previous version kept: " + e.reason(), rule.query()),
          () -> {
            store.put(record.key(), versioned);
            LOG.info("rule {} v{} {}", record.key(), version, versioned.enabled() ? "active" : "disabled");
          });
    }

    private void refuse(String ruleId, String reason, String payload) {
      LOG.error("rule {}: {}", ruleId, reason);
      letters.send(ruleId, new DeadLetter(Stage.PROCESS_RULE, reason, null, ruleId, payload, clock.instant()));
    }
  }

  /** Adapts the flood gate to the Processor API, the alert memory and its periodic purge. */
  private static final class GateAlert implements FixedKeyProcessor<String, PendingAlert, Alert> {
    // Forwards nothing for an alert the gate has nothing new for (an edit of a page it counts).
    private final FloodGate gate;
    private FixedKeyProcessorContext<String, Alert> context;
    private StateView<FloodGate.Memory> memory;
    private KeyValueStore<String, FloodGate.Memory> store;

    GateAlert(FloodGate gate) {
      this.gate = gate;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
      this.context = context;
      this.store = context.getStateStore(ALERT_MEMORY_STORE);
      this.memory = StateView.of(store);
      context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> purge(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(FixedKeyRecord<String, PendingAlert> record) {
      gate.admit(record.value(), memory).ifPresent(a -> context.forward(record.withValue(a)));
    }

    private void purge(Instant now) {
      List<String> expired = new ArrayList<>();
      try (KeyValueIterator<String, FloodGate.Memory> all = store.all()) {
        all.forEachRemaining(kv -> {
          if (gate.expired(kv.value, now)) {
            expired.add(kv.key);
          }
        });
      }
      expired.forEach(store::delete);
    }
  }
}
