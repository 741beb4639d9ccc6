package io.wirewatch.process;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.JsonSerde;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import io.wirewatch.process.alert.FloodGate;
import io.wirewatch.process.alert.PendingAlert;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.story.StoryMeta;
import io.wirewatch.process.story.StoryTracker;
import io.wirewatch.process.story.StreamPace;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the process stage; the logic is in {@link RawRecordHandler}, {@link StoryTracker},
 * {@link RuleBook} and {@link FloodGate}.
 *
 * <pre>
 * news.rules ──▶ global store ──▶ RuleBook (every instance, every rule, updated live)
 *                      └── unreadable or refused ──▶ news.dead-letter (through the sink)
 *
 * news.raw (bytes) ── handle ──┬── failed ──────────────────────────────────────────────▶ news.dead-letter
 *        (revisions store)     │   (decode, clean, classify, match: partitioned by article)
 *                              └── article + its alerts ─▶ by language ─▶ stories ─┬─▶ news.articles (with story id)
 *                                   (stories, terms, meta, pace stores, per language)├─▶ news.stories
 *                                                                                   └─▶ alerts (with story id, bursts)
 *                                                           ─▶ by rule ─▶ flood gate (one per rule and story) ─▶ news.alerts
 *                                                                          (alert memory)
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
  /** Open alerts by rule and story (or page), for flood control. */
  public static final String ALERT_MEMORY_STORE = "alert-memory";
  /** The stories of the languages of a task, by language and story id: what the assigner scores with. */
  public static final String STORIES_STORE = "stories";
  /** Document frequencies of terms by language, learned from the stream itself. */
  public static final String STORY_TERMS_STORE = "story-terms";
  public static final String STORY_MEMBERS_STORE = "story-members";
  /** What readers need of a story beside (categories, articles per hour, bursts), by language and story id. */
  public static final String STORY_META_STORE = "story-meta";
  /** Each language's stream pace, for the burst rule. */
  public static final String STORY_PACE_STORE = "story-pace";
  /** Articles stand in for their language when it is unknown. */
  static final String UNDETERMINED_LANGUAGE = "und";
  /** How often expired alert memories are deleted. */
  static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private WirewatchTopology() {}

  /**
   * @param ruleLetters where refused records of {@code news.rules} go: a global store cannot
   *                    forward records, so they are written through this sink
   */
  public static Topology build(Topics topics, RawRecordHandler handler, RuleBook rules, FloodGate floodGate,
      StoryStage stories, DeadLetterSink ruleLetters, int rulesPartitions, Clock clock) {
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
    // The story stores are written for every article (a story, its meta, the pace): cached, a key
    // written many times between two commits reaches RocksDB and the changelog once. Not the term
    // frequencies: an article writes a few hundred of them, mostly keys no other article of the same
    // commit writes, and the record cache's sorted map cost as much CPU as it saved while holding
    // about 100 MB more at peak (bench pipeline, two runs each); the assigner keeps its own cache of them.
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORIES_STORE),
        Serdes.String(), new JsonSerde<>(io.wirewatch.process.story.Story.class)).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORY_TERMS_STORE),
        Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORY_META_STORE),
        Serdes.String(), new JsonSerde<>(StoryMeta.class)).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORY_PACE_STORE),
        Serdes.String(), new JsonSerde<>(StreamPace.class)).withCachingEnabled());
    Duration members = stories.membershipRetention();
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(STORY_MEMBERS_STORE, members, Duration.ofMillis(1), false),
        Serdes.String(), Serdes.String()));

    KStream<String, Outcome> outcomes = builder
        .stream(topics.raw().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-raw"))
        .processValues(() -> new HandleRaw(handler), Named.as("handle-raw"), REVISIONS_STORE);

    outcomes
        .flatMapValues(Outcome::deadLetters, Named.as("to-dead-letters"))
        .to(topics.deadLetter().name(), produced(topics.deadLetter()));

    // Exact repeats carry neither an article nor a dead letter: dropped by design. Cleaning,
    // classifying and matching stay partitioned by article; grouping into stories needs every
    // story of a language in one place, so articles meet their language's stories there.
    KStream<String, StoryOutput> storied = outcomes
        .filter((k, o) -> o.isArticle(), Named.as("articles-only"))
        .map((k, o) -> KeyValue.pair(languageOf(o.article()), new StoryOutput.Incoming(o.article(), o.alerts())),
            Named.as("by-language"))
        .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(StoryOutput.Incoming.class))
            .withName("articles-by-language"))
        .process(() -> new TrackStories(stories), Named.as("stories"),
            STORIES_STORE, STORY_TERMS_STORE, STORY_MEMBERS_STORE, STORY_META_STORE, STORY_PACE_STORE);

    storied.filter((k, o) -> o.article() != null, Named.as("story-articles"))
        .mapValues(StoryOutput::article, Named.as("to-article"))
        .to(topics.articles().name(), produced(topics.articles()));
    storied.filter((k, o) -> o.story() != null, Named.as("story-states"))
        .mapValues(StoryOutput::story, Named.as("to-story"))
        .to(topics.stories().name(), produced(topics.stories()));
    storied.filter((k, o) -> o.deadLetter() != null, Named.as("story-failures"))
        .mapValues(StoryOutput::deadLetter, Named.as("to-story-dead-letter"))
        .to(topics.deadLetter().name(), Produced.with(topics.deadLetter().keySerde(), topics.deadLetter().valueSerde())
            .withName("write-story-dead-letters"));
    storied.filter((k, o) -> o.alert() != null, Named.as("story-alerts"))
        .mapValues(StoryOutput::alert, Named.as("to-pending-alert"))
        .repartition(Repartitioned.with(Serdes.String(), pendingSerde).withName("alerts-by-rule"))
        .processValues(() -> new GateAlert(floodGate), Named.as("flood-gate"), ALERT_MEMORY_STORE)
        .selectKey((rule, alert) -> alert.key(), Named.as("key-by-alert"))
        .to(topics.alerts().name(), produced(topics.alerts()));

    return builder.build();
  }

  private static String languageOf(Article a) {
    return a.language() == null || a.language().isBlank() ? UNDETERMINED_LANGUAGE : a.language();
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
   * Adapts the story trackers to the Processor API and their stores: one tracker per language seen
   * by this task, built on first use from the stores (which rebuilds its candidate index), then fed
   * in the order of the repartition topic, so that a restart or failover replays the same order into
   * the same state. Forwards, each under its own key: closed stories, the article with its story id,
   * the story's new state, the article's alerts (with the story id) and a burst alert (by rule id),
   * or, when grouping fails, the article without a story and a {@code process.story} dead letter.
   */
  private static final class TrackStories implements Processor<String, StoryOutput.Incoming, String, StoryOutput> {
    private final StoryStage stage;
    private final Map<String, StoryTracker> trackers = new HashMap<>();
    private ProcessorContext<String, StoryOutput> context;
    private KeyValueStore<String, io.wirewatch.process.story.Story> stories;
    private KeyValueStore<String, Long> terms;
    private WindowStore<String, String> members;
    private KeyValueStore<String, StoryMeta> meta;
    private KeyValueStore<String, StreamPace> pace;

    TrackStories(StoryStage stage) {
      this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, StoryOutput> context) {
      // Streams initialises a processor again when it revives a task (its state restored from the
      // changelog after an aborted transaction): trackers built before would hold stale indexes.
      trackers.clear();
      this.context = context;
      this.stories = context.getStateStore(STORIES_STORE);
      this.terms = context.getStateStore(STORY_TERMS_STORE);
      this.members = context.getStateStore(STORY_MEMBERS_STORE);
      this.meta = context.getStateStore(STORY_META_STORE);
      this.pace = context.getStateStore(STORY_PACE_STORE);
    }

    @Override
    public void process(Record<String, StoryOutput.Incoming> record) {
      Article article = record.value().article();
      List<PendingAlert> alerts = record.value().alerts();
      StoryTracker.Tracked t;
      try {
        StoryTracker tracker = trackers.computeIfAbsent(record.key(),
            language -> stage.tracker(language, stories, terms, members, meta, pace));
        t = stage.track(tracker, article, Instant.ofEpochMilli(record.timestamp()));
      } catch (org.apache.kafka.common.KafkaException e) {
        throw e; // the stores or the task failed, not the article: Streams must see it (and revive the task)
      } catch (RuntimeException e) {
        // The article is still worth reading and alerting on; only its story is missing. The
        // tracker may have stopped half-way (its index ahead of its stores): the next article of
        // the language gets one rebuilt from the stores.
        trackers.remove(record.key());
        LOG.error("cannot group article {} into a story: {}", article.id(), e.toString());
        forward(record, article.id(), StoryOutput.of(DeadLetter.of(Stage.PROCESS_STORY, article.url(), e, article.title(),
            Instant.ofEpochMilli(record.timestamp()))));
        forward(record, article.id(), StoryOutput.of(article));
        alerts.forEach(a -> forward(record, a.alert().ruleId(), StoryOutput.of(a)));
        return;
      }
      t.closed().forEach(s -> forward(record, s.id(), StoryOutput.of(s)));
      forward(record, article.id(), StoryOutput.of(t.article()));
      if (t.story() != null) {
        forward(record, t.story().id(), StoryOutput.of(t.story()));
      }
      for (PendingAlert a : alerts) {
        forward(record, a.alert().ruleId(),
            StoryOutput.of(new PendingAlert(a.alert().withStory(t.article().storyId()), a.window(), a.perArticle())));
      }
      if (t.burst() != null) {
        forward(record, t.burst().alert().ruleId(), StoryOutput.of(t.burst()));
      }
    }

    private void forward(Record<String, StoryOutput.Incoming> in, String key, StoryOutput value) {
      context.forward(new Record<>(key, value, in.timestamp(), in.headers()));
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
