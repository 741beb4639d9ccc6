package io.wirewatch.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.wirewatch.ingest.fetch.FetchException;
import io.wirewatch.ingest.fetch.FetchedPage;
import io.wirewatch.ingest.fetch.Fetcher;
import io.wirewatch.ingest.fetch.Validators;
import io.wirewatch.ingest.poll.Poll;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Stage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The ingest stage's meters, on the registry its owner hands in (Prometheus in the launcher, none
 * in tools and most tests). Every label has a closed set of values: a poll's outcome, an item's
 * kind, a fetch failure's {@link FetchException.Kind}, a dead letter's {@link Stage}. Never a URL
 * or a source id: a source's own health is in {@code news.source-status}; here it is counted.
 *
 * <p>Counted when a poll is handed to the producer, so a poll whose transaction is later aborted
 * (the instance fenced) is counted too: these are rates for graphs, the topics are the record.
 */
public final class IngestMetrics implements AutoCloseable {

  public static final String POLLS = "wirewatch.ingest.polls";
  public static final String ITEMS = "wirewatch.ingest.items";
  public static final String FETCH = "wirewatch.ingest.fetch";
  public static final String FETCH_ERRORS = "wirewatch.ingest.fetch.errors";
  public static final String SOURCES = "wirewatch.ingest.sources";
  /** Shared with the process stage: one series per {@link Stage}. */
  public static final String DEAD_LETTERS = "wirewatch.dead.letters";

  /** Buckets of the fetch latency histogram: a feed answers in tens of ms, a slow site in seconds. */
  private static final Duration[] FETCH_BUCKETS = {
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

  private final MeterRegistry registry;
  private final Counter pollsOk;
  private final Counter pollsNotModified;
  private final Counter pollsFailed;
  private final Counter itemsNew;
  private final Counter itemsUpdated;
  private final Counter itemsSeen;
  private final Timer fetchOk;
  private final Timer fetchNotModified;
  private final Timer fetchFailed;
  private final Map<FetchException.Kind, Counter> fetchErrors = new EnumMap<>(FetchException.Kind.class);
  private final Map<Stage, Counter> deadLetters = new EnumMap<>(Stage.class);
  /** Whether each source's last poll left it healthy; counted over the active sources only. */
  private final Map<String, Boolean> lastHealth = new ConcurrentHashMap<>();
  private final List<KafkaClientMetrics> binders = new ArrayList<>();
  private final List<Gauge> gauges = new ArrayList<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    pollsOk = polls("ok");
    pollsNotModified = polls("not_modified");
    pollsFailed = polls("failed");
    itemsNew = items("new", "items emitted for the first time");
    itemsUpdated = items("updated", "items emitted again because their content changed");
    itemsSeen = items("seen", "items a feed listed that had been emitted before");
    fetchOk = fetchTimer("ok");
    fetchNotModified = fetchTimer("not_modified");
    fetchFailed = fetchTimer("failed");
    for (FetchException.Kind k : FetchException.Kind.values()) {
      fetchErrors.put(k, Counter.builder(FETCH_ERRORS).tag("kind", k.name().toLowerCase(Locale.ROOT))
          .description("HTTP fetches that failed, by kind of failure").register(registry));
    }
    // Registered at 0 so that a dashboard shows "none" rather than "no data".
    for (Stage s : Stage.values()) {
      if (s.wireName().startsWith("ingest.")) {
        deadLetters.put(s, deadLetterCounter(registry, s));
      }
    }
  }

  /** Meters that go nowhere: for tools and tests that do not look at them. */
  public static IngestMetrics none() {
    return new IngestMetrics(new CompositeMeterRegistry());
  }

  /** The counter of dead letters of {@code stage}; the process stage registers the same name. */
  static Counter deadLetterCounter(MeterRegistry registry, Stage stage) {
    return Counter.builder(DEAD_LETTERS).tag("stage", stage.wireName())
        .description("records written to news.dead-letter, by the stage that failed").register(registry);
  }

  private Counter polls(String outcome) {
    return Counter.builder(POLLS).tag("outcome", outcome)
        .description("polls of a source: ok, not_modified (HTTP 304) or failed (the source itself)")
        .register(registry);
  }

  private Counter items(String kind, String description) {
    return Counter.builder(ITEMS).tag("kind", kind).description(description).register(registry);
  }

  private Timer fetchTimer(String outcome) {
    return Timer.builder(FETCH).tag("outcome", outcome)
        .description("one HTTP fetch (feed, page or robots.txt), without the wait for the host's turn")
        .serviceLevelObjectives(FETCH_BUCKETS).register(registry);
  }

  /**
   * Gauges of healthy and unhealthy sources among {@code active}, the ones this instance polls now.
   * A source not polled yet counts as healthy, as its status record will say until it fails.
   */
  void sources(Supplier<Set<String>> active) {
    gauges.add(Gauge.builder(SOURCES, () -> count(active.get(), true)).tag("health", "healthy")
        .description("sources this instance polls whose last poll left them healthy").register(registry));
    gauges.add(Gauge.builder(SOURCES, () -> count(active.get(), false)).tag("health", "unhealthy")
        .description("sources this instance polls that failed ingest.schedule.unhealthy-after times in a row")
        .register(registry));
  }

  private long count(Set<String> active, boolean healthy) {
    lastHealth.keySet().retainAll(active);
    return active.stream().filter(id -> lastHealth.getOrDefault(id, true) == healthy).count();
  }

  /** Records one poll that was handed to the producer. */
  void polled(Poll poll) {
    SourceStatus s = poll.status();
    (poll.failedPoll() ? pollsFailed : s.httpStatus() == 304 ? pollsNotModified : pollsOk).increment();
    itemsNew.increment(s.itemsNew());
    itemsUpdated.increment(s.itemsUpdated());
    itemsSeen.increment(s.itemsSeen());
    poll.deadLetters().forEach(l -> deadLetter(l.letter().stage()));
    lastHealth.put(poll.sourceId(), s.healthy());
  }

  void deadLetter(Stage stage) {
    deadLetters.computeIfAbsent(stage, s -> deadLetterCounter(registry, s)).increment();
  }

  /** {@code sink}, counting each poll it accepts. */
  IngestSink counting(IngestSink sink) {
    return new IngestSink() {
      @Override
      public void publish(Poll poll) {
        sink.publish(poll);
        polled(poll);
      }

      @Override
      public void article(RawArticle article) {
        sink.article(article);
      }

      @Override
      public void deadLetter(String key, DeadLetter letter) {
        sink.deadLetter(key, letter);
        IngestMetrics.this.deadLetter(letter.stage());
      }

      @Override
      public void status(SourceStatus status) {
        sink.status(status);
      }

      @Override
      public void seen(SeenItem item) {
        sink.seen(item);
      }

      @Override
      public void flush() {
        sink.flush();
      }

      @Override
      public void close() {
        sink.close();
      }
    };
  }

  /** {@code fetcher}, timed: put it under the host gate so that waiting for a host's turn is not counted. */
  public Fetcher timed(Fetcher fetcher) {
    return (URI url, Validators validators) -> {
      long t0 = System.nanoTime();
      try {
        FetchedPage page = fetcher.fetch(url, validators);
        (page.notModified() ? fetchNotModified : fetchOk).record(System.nanoTime() - t0,
            TimeUnit.NANOSECONDS);
        return page;
      } catch (FetchException e) {
        fetchFailed.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        fetchErrors.get(e.kind()).increment();
        throw e;
      }
    };
  }

  /** The client's own metrics (request rates, errors, consumer lag) until {@link #close()}. */
  void bind(Consumer<?, ?> consumer) {
    KafkaClientMetrics m = new KafkaClientMetrics(consumer);
    m.bindTo(registry);
    binders.add(m);
  }

  void bind(Producer<?, ?> producer) {
    KafkaClientMetrics m = new KafkaClientMetrics(producer);
    m.bindTo(registry);
    binders.add(m);
  }

  @Override
  public void close() {
    binders.forEach(KafkaClientMetrics::close);
    binders.clear();
    // The gauges read this instance's scheduler: a later instance on the same registry registers its own.
    gauges.forEach(registry::remove);
    gauges.clear();
  }
}
