package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.app.management.Management;
import io.wirewatch.ingest.IngestMetrics;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.SourcesFile;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.TopicReplay;
import io.wirewatch.model.Topics;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.ProcessMetrics;
import io.wirewatch.process.ProcessService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample run (the bundled feeds and pages over HTTP on 127.0.0.1, ingest and process on a real
 * broker) with both stages on one registry, as {@code wirewatch run} has them, read back through
 * {@code GET /metrics}: the counters moved by what the topics hold, the routes answer, and every
 * metric the Grafana dashboard reads is served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final Duration WAIT = Duration.ofSeconds(120);
  /**
   * The alerts the samples raise (PipelineIT names them): sanctions and liaison-office on the Korea
   * story, sanctions on the steel exports story; and the updates of the Korea story's two alerts by
   * its other outlets' articles (sanctions twice, liaison-office once).
   */
  private static final int ALERTS = 3;
  private static final int UPDATES = 3;
  /** Distinct pages of the samples: the liaison story is listed twice, once with tracking parameters. */
  private static final int ARTICLES = 7;

  /**
   * Metrics the dashboard reads that this run cannot serve, each with why. Anything else the
   * dashboard reads must be served, or the test fails.
   */
  private static final Set<String> NOT_SERVED_HERE = Set.of(
      // Prometheus's own, one per scraped target.
      "up",
      // The notify stage's (NotifyMetrics, NotifyMetricsTest): registered only where notify runs with
      // channels, which this sample run has none of.
      "wirewatch_notify_deliveries_total",
      "wirewatch_notify_delivery_seconds_bucket",
      "wirewatch_notify_retry_queue");

  @TempDir
  static Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedKafka broker;
  private FixtureServer pages;
  private Path sourcesFile;
  private String scrape;

  @BeforeAll
  void start() throws Exception {
    broker = new EmbeddedKafka(dir.resolve("broker"), Map.of()).start();
    TopicCreator.ensure(broker.bootstrapServers(), TOPICS, 3, (short) 1);
    pages = FixtureServer.samples(dir);
    sourcesFile = pages.writeSampleSources(dir.resolve("http-sources.yaml"));
  }

  @AfterAll
  void stop() {
    if (pages != null) {
      pages.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Order(1)
  void theSampleRunMovesTheCountersByWhatTheTopicsHold() throws Exception {
    try (Management management = Management.serve("127.0.0.1", 0, false);
        ProcessService process = new ProcessService(broker.bootstrapServers(),
            ProcessConfig.defaults().withStateDir(dir.resolve("streams")), TOPICS, Clock.systemUTC(),
            new ProcessMetrics(management.registry()));
        Ingestor ingest = Ingestor.toKafka(broker.bootstrapServers(), PipelineIT.localConfig(), TOPICS,
            SourcesFile.read(sourcesFile), Clock.systemUTC(), new IngestMetrics(management.registry()))) {
      URI base = management.url().orElseThrow();
      management.readiness("process", process::notReady);
      management.readiness("ingest", ingest::notReady);

      HttpResponse<String> before = get(base, "/ready");
      assertThat(before.statusCode()).as("nothing started yet").isEqualTo(503);
      assertThat(before.body()).contains("\"process\":\"Kafka Streams is CREATED\"")
          .contains("\"ingest\":\"the ingest sources loop is not running\"");
      assertThat(get(base, "/health").statusCode()).isEqualTo(200);

      process.start();
      ingest.start();
      awaitReady(base);

      // Every raw record accounted for (article, repeat or dead letter), and the topics caught up.
      Map<String, Double> m = awaitUntil(base, x ->
          sum(x, "wirewatch_process_alerts_total{kind=\"raised\"") >= ALERTS
              && sum(x, "wirewatch_process_alerts_total{kind=\"updated\"") >= UPDATES
              && sum(x, "wirewatch_process_articles_total{") == count(TOPICS.raw())
              && x.get("wirewatch_process_articles_total{outcome=\"written\"}") == count(TOPICS.articles())
              && sum(x, "wirewatch_process_alerts_total{") == count(TOPICS.alerts()));
      // jvm_gc_pause_seconds is registered at the first collection (a JMX notification, so shortly
      // after it), which a run this short may not have had.
      System.gc();
      scrape = get(base, "/metrics").body(); // for the dashboard's test, whatever the assertions below say
      for (int i = 0; i < 40 && !scrape.contains("jvm_gc_pause_seconds_sum"); i++) {
        Thread.sleep(250);
        scrape = get(base, "/metrics").body();
      }

      assertThat(m.get("wirewatch_process_articles_total{outcome=\"written\"}")).isEqualTo(ARTICLES);
      assertThat(m.get("wirewatch_process_articles_total{outcome=\"failed\"}")).isZero();
      assertThat(sum(m, "wirewatch_process_alerts_total{kind=\"raised\"")).isEqualTo(ALERTS);
      assertThat(m.get("wirewatch_process_alerts_total{kind=\"raised\",severity=\"critical\"}"))
          .as("liaison-office, once for the Korea story").isEqualTo(1);
      assertThat(m.get("wirewatch_process_alerts_total{kind=\"updated\",severity=\"critical\"}"))
          .as("liaison-office, by the story's second page that names it").isEqualTo(1);
      assertThat(sum(m, "wirewatch_process_alerts_total{kind=\"updated\"")).isEqualTo(UPDATES);
      long stories = distinctKeys(TOPICS.stories());
      assertThat(m.get("wirewatch_process_stories_total{event=\"started\"}")).isEqualTo(stories);
      assertThat(m.get("wirewatch_process_stories_total{event=\"joined\"}"))
          .as("the Korea story's two other outlets at least").isEqualTo(ARTICLES - stories).isGreaterThanOrEqualTo(2);
      assertThat(m.get("wirewatch_process_stories_total{event=\"burst\"}")).isZero();
      for (String stage : new String[] {"clean", "classify", "match", "stories"}) {
        assertThat(m.get("wirewatch_process_stage_seconds_count{stage=\"" + stage + "\"}")).as(stage)
            .isEqualTo(ARTICLES);
        assertThat(m.get("wirewatch_process_stage_seconds_bucket{stage=\"" + stage + "\",le=\"+Inf\"}")).as(stage)
            .isEqualTo(ARTICLES);
      }
      assertThat(m.get("wirewatch_process_rules")).isEqualTo(2);

      assertThat(m.get("wirewatch_ingest_polls_total{outcome=\"ok\"}")).isGreaterThanOrEqualTo(3);
      assertThat(m.get("wirewatch_ingest_polls_total{outcome=\"failed\"}")).isZero();
      assertThat(m.get("wirewatch_ingest_items_total{kind=\"new\"}") + m.get("wirewatch_ingest_items_total{kind=\"updated\"}"))
          .as("every item emitted is a record of news.raw").isEqualTo(count(TOPICS.raw()));
      assertThat(m.get("wirewatch_ingest_sources{health=\"healthy\"}")).isEqualTo(3);
      assertThat(m.get("wirewatch_ingest_sources{health=\"unhealthy\"}")).isZero();
      assertThat(m.get("wirewatch_ingest_fetch_seconds_count{outcome=\"ok\"}"))
          .as("two feeds, the page source and the articles").isGreaterThanOrEqualTo(ARTICLES);

      assertThat(m.get("wirewatch_dead_letters_total{stage=\"process.clean\"}")).isZero();
      assertThat(sum(m, "wirewatch_dead_letters_total{")).isZero().isEqualTo(count(TOPICS.deadLetter()));

      assertThat(sum(m, "kafka_stream_alive_stream_threads{")).isEqualTo(1);
      assertThat(m.keySet()).anyMatch(k -> k.startsWith("kafka_consumer_fetch_manager_records_lag_max{")
          && k.contains("StreamThread"));
      assertThat(m.keySet()).anyMatch(k -> k.startsWith("kafka_producer_record_send_total{") && k.contains("ingest"));
      assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"));
      assertThat(m).containsKey("process_cpu_usage");
    }
  }

  @Test
  @Order(2)
  void everyMetricTheDashboardReadsIsServed() {
    assertThat(scrape).as("the sample run's /metrics").isNotNull();
    Set<String> served = DeployFiles.servedNames(scrape);
    Set<String> read = DeployFiles.dashboardMetrics();
    Set<String> missing = new TreeSet<>(read);
    missing.removeAll(served);
    missing.removeAll(NOT_SERVED_HERE);
    assertThat(missing).as("read by %s, not served by /metrics", DeployFiles.DASHBOARD).isEmpty();
    assertThat(read).as("the allow-list names only what the dashboard reads").containsAll(NOT_SERVED_HERE);
    assertThat(served).as("the allow-list names nothing served").doesNotContainAnyElementsOf(NOT_SERVED_HERE);
  }

  private HttpResponse<String> get(URI base, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady(URI base) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> r = get(base, "/ready");
    while (r.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      r = get(base, "/ready");
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"process\":\"ready\",\"ingest\":\"ready\"}}");
  }

  private interface Condition {
    boolean holds(Map<String, Double> metrics) throws Exception;
  }

  private Map<String, Double> awaitUntil(URI base, Condition done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Map<String, Double> m = samples(get(base, "/metrics").body());
    while (!done.holds(m) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      m = samples(get(base, "/metrics").body());
    }
    return m;
  }

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*})?) (\\S+)$");

  /** Each sample of a Prometheus text exposition by its series ({@code name{labels}}), label order kept. */
  private static Map<String, Double> samples(String exposition) {
    Map<String, Double> out = new HashMap<>();
    for (String line : exposition.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        out.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    return out;
  }

  /** The sum of the series whose name and labels start with {@code prefix}. */
  private static double sum(Map<String, Double> m, String prefix) {
    return m.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
  }

  private long distinctKeys(Topic<String, ?> topic) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    TopicReplay.replay(broker.bootstrapServers(), topic.name(), r -> keys.add(r.key()));
    return keys.size();
  }

  private long count(Topic<String, ?> topic) {
    long[] n = {0};
    TopicReplay.replay(broker.bootstrapServers(), topic.name(), r -> n[0]++);
    return n[0];
  }
}
