package io.wirewatch.process;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.wirewatch.model.Alert;
import io.wirewatch.model.Stage;
import io.wirewatch.process.alert.FloodGate;
import io.wirewatch.process.alert.RuleBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The process stage's meters, on the registry its owner hands in (Prometheus in the launcher, none
 * in tools and most tests). One object handed to the parts that decide outcomes: the record handler
 * (articles, stage times, dead letters), the flood gate (alerts raised or updated) and the service
 * (rules loaded, Kafka Streams' own metrics).
 *
 * <p>Labels have closed sets of values: an outcome, a stage name, an alert's kind and severity, a
 * {@link Stage}. Never a rule id, an article id or a URL. Under exactly-once, a record processed
 * again after an aborted transaction is counted again: these are rates for graphs, the topics are
 * the record.
 */
public final class ProcessMetrics implements FloodGate.Listener, AutoCloseable {

  public static final String ARTICLES = "wirewatch.process.articles";
  public static final String STAGE_TIME = "wirewatch.process.stage";
  public static final String ALERTS = "wirewatch.process.alerts";
  public static final String RULES = "wirewatch.process.rules";
  /** The same name the ingest stage counts its dead letters under: one series per {@link Stage}. */
  public static final String DEAD_LETTERS = "wirewatch.dead.letters";

  /** Stage names of {@link #time}: each a series of {@value #STAGE_TIME}; add one by using it. */
  public static final String CLEAN = "clean";
  public static final String CLASSIFY = "classify";
  public static final String MATCH = "match";
  /** Grouping an article into its story (the per-language step after the repartition). */
  public static final String STORIES = "stories";
  public static final String STORY_EVENTS = "wirewatch.process.stories";

  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z_]{0,30}");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  /** Buckets of the stage histograms: cleaning a page takes milliseconds, matching 350k rules up to ~100 ms. */
  private static final Duration[] STAGE_BUCKETS = {
      Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500)};

  private final MeterRegistry registry;
  private final Counter written;
  private final Counter repeats;
  private final Counter failed;
  private final Map<String, Timer> stageTimers = new ConcurrentHashMap<>();
  private final Map<Stage, Counter> deadLetters = new EnumMap<>(Stage.class);
  private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
  private final Map<String, Counter> storyEvents = new ConcurrentHashMap<>();
  private final List<KafkaStreamsMetrics> binders = new ArrayList<>();
  private final List<Gauge> gauges = new ArrayList<>();

  public ProcessMetrics(MeterRegistry registry) {
    this.registry = registry;
    written = articles("written", "raw pages that became an article on news.articles (new or revised)");
    repeats = articles("repeat", "raw pages identical to a revision already processed: dropped");
    failed = articles("failed", "raw pages that became a dead letter instead of an article");
    for (String stage : List.of(CLEAN, CLASSIFY, MATCH, STORIES)) {
      timer(stage);
    }
    for (String event : List.of("started", "joined", "burst", "closed")) {
      storyEvent(event);
    }
    // Registered at 0 so that a dashboard shows "none" rather than "no data".
    for (Stage s : Stage.values()) {
      if (s.wireName().startsWith("process.")) {
        deadLetters.put(s, deadLetterCounter(s));
      }
    }
    for (String kind : List.of("raised", "updated")) {
      for (String severity : SEVERITIES) {
        alertCounter(kind, severity);
      }
    }
  }

  /** Meters that go nowhere: for tools and tests that do not look at them. */
  public static ProcessMetrics none() {
    return new ProcessMetrics(new CompositeMeterRegistry());
  }

  private Counter articles(String outcome, String description) {
    return Counter.builder(ARTICLES).tag("outcome", outcome).description(description).register(registry);
  }

  private Counter deadLetterCounter(Stage stage) {
    return Counter.builder(DEAD_LETTERS).tag("stage", stage.wireName())
        .description("records written to news.dead-letter, by the stage that failed").register(registry);
  }

  private Timer timer(String stage) {
    return stageTimers.computeIfAbsent(stage, s -> {
      if (!STAGE_NAME.matcher(s).matches()) {
        // A label value from a closed set named in code; anything else is a programming error.
        throw new IllegalArgumentException("stage name '" + s + "' must match " + STAGE_NAME);
      }
      return Timer.builder(STAGE_TIME).tag("stage", s)
          .description("time one article spends in a step of the process stage, failures included")
          .serviceLevelObjectives(STAGE_BUCKETS).register(registry);
    });
  }

  private Counter storyEvent(String event) {
    return storyEvents.computeIfAbsent(event, e -> Counter.builder(STORY_EVENTS).tag("event", e)
        .description("stories started, joined by an article, burst or closed for inactivity").register(registry));
  }

  /** Counts what one article did to the stories: started or joined one, made it burst, closed others. */
  public void story(boolean started, boolean burst, int closed) {
    storyEvent(started ? "started" : "joined").increment();
    if (burst) {
      storyEvent("burst").increment();
    }
    if (closed > 0) {
      storyEvent("closed").increment(closed);
    }
  }

  private Counter alertCounter(String kind, String severity) {
    String sev = SEVERITIES.contains(severity) ? severity : "other";
    return alerts.computeIfAbsent(kind + "|" + sev, k -> Counter.builder(ALERTS).tag("kind", kind)
        .tag("severity", sev)
        .description("alerts written to news.alerts: raised (new) or updated (the same story again, flood control)")
        .register(registry));
  }

  /**
   * Runs {@code work} as step {@code stage} of one article and records how long it took, also when
   * it throws.
   *
   * @param stage a short lower-case name from a closed set ({@link #CLEAN}, {@link #CLASSIFY},
   *              {@link #MATCH}, or a new step's own constant)
   */
  public <T> T time(String stage, Supplier<T> work) {
    Timer timer = timer(stage);
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      timer.record(Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  /** Counts what became of one raw record, and the dead letters it carries. */
  public void outcome(Outcome outcome) {
    (outcome.isArticle() ? written : outcome.deadLetters().isEmpty() ? repeats : failed).increment();
    outcome.deadLetters().forEach(l -> deadLetter(l.stage()));
  }

  /** Counts one dead letter written outside the record stream (a refused rule). */
  public void deadLetter(Stage stage) {
    deadLetters.computeIfAbsent(stage, this::deadLetterCounter).increment();
  }

  @Override
  public void admitted(Alert alert, boolean update) {
    alertCounter(update ? "updated" : "raised", alert.severity()).increment();
  }

  /** A gauge of the rules active in {@code rules}, until {@link #close()}. */
  void rules(RuleBook rules) {
    gauges.add(Gauge.builder(RULES, rules, RuleBook::size)
        .description("alert rules active in this instance (enabled and accepted)").register(registry));
  }

  /** Kafka Streams' own metrics (threads, tasks, stores, its clients, consumer lag), until {@link #close()}. */
  void bind(KafkaStreams streams) {
    KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams);
    m.bindTo(registry);
    binders.add(m);
  }

  /** A sink that counts what it writes. */
  DeadLetterSink counting(DeadLetterSink sink) {
    return (key, letter) -> {
      sink.send(key, letter);
      deadLetter(letter.stage());
    };
  }

  @Override
  public void close() {
    binders.forEach(KafkaStreamsMetrics::close);
    binders.clear();
    // The gauge reads this instance's rule book: a later instance on the same registry registers its own.
    gauges.forEach(registry::remove);
    gauges.clear();
  }
}
