package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.SourcesFile;
import io.wirewatch.model.Alert;
import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.TopicReplay;
import io.wirewatch.model.Topics;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.ProcessService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real broker: the bundled sample feeds and pages served over HTTP from
 * 127.0.0.1, ingest, the Streams application, and the alerts read back with read_committed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final Duration WAIT = Duration.ofSeconds(90);

  /** Exactly the articles whose headline or main text mention a rule, and nothing from boilerplate. */
  /**
   * One alert per rule and story, as its latest state lists the story's matching articles: the three
   * outlets' Korea articles are one story, the export rules another. Each matching article writes
   * one record (the first raises the alert, the others update it): six records in all.
   */
  private static final Set<String> EXPECTED = Set.of(
      "liaison-office [analysis-nuclear-diplomacy.html, korea-liaison-withdrawal.html]",
      "sanctions [analysis-nuclear-diplomacy.html, commentary-sanctions-relief.html, korea-liaison-withdrawal.html]",
      "sanctions [export-rules-tighten.html]");
  private static final int EXPECTED_RECORDS = 6;

  @TempDir
  static Path dir;

  private EmbeddedKafka broker;
  private FixtureServer http;
  private Path sourcesFile;

  @BeforeAll
  void start() throws Exception {
    broker = new EmbeddedKafka(dir.resolve("broker"), Map.of()).start();
    TopicCreator.ensure(broker.bootstrapServers(), TOPICS, 3, (short) 1);
    http = FixtureServer.samples(dir);
    sourcesFile = http.writeSampleSources(dir.resolve("http-sources.yaml"));
  }

  @AfterAll
  void stop() {
    if (http != null) {
      http.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private ProcessService process() {
    ProcessService s = new ProcessService(broker.bootstrapServers(),
        ProcessConfig.defaults().withStateDir(dir.resolve("streams")), TOPICS, Clock.systemUTC());
    s.start();
    return s;
  }

  private Ingestor ingest() {
    Ingestor i = Ingestor.toKafka(broker.bootstrapServers(), localConfig(), TOPICS,
        SourcesFile.read(sourcesFile), Clock.systemUTC());
    i.start();
    return i;
  }

  /**
   * The defaults, but the fixture server on 127.0.0.1 may be fetched (the SSRF guard refuses it
   * otherwise), and sources are polled every few seconds so that repeated polls are part of the test.
   */
  static IngestConfig localConfig() {
    return IngestConfig.from(io.wirewatch.model.config.Settings.builder()
        .defaultsResource(IngestConfig.DEFAULTS)
        .overrides(Map.of("ingest.fetch.allow-addresses", "127.0.0.1",
            "ingest.politeness.min-delay", "50ms",
            "ingest.poll.interval", "3s"))
        .build());
  }

  @Test
  @Order(1)
  void samplesRaiseExactlyTheExpectedAlerts() throws Exception {
    try (ProcessService p = process(); Ingestor i = ingest()) {
      List<Alert> alerts = readAlerts(EXPECTED_RECORDS, WAIT);
      Map<String, Alert> latest = new LinkedHashMap<>();
      alerts.forEach(a -> latest.put(a.key(), a));
      assertThat(latest.values().stream().map(PipelineIT::describe).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(EXPECTED);
      assertThat(alerts).hasSize(EXPECTED_RECORDS);
      // Counts go 1, 2, 3 per alert, each update once: nothing lost, nothing twice.
      Map<String, List<Integer>> counts = new LinkedHashMap<>();
      alerts.forEach(a -> counts.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a.count()));
      counts.values().forEach(c -> assertThat(c).isEqualTo(java.util.stream.IntStream.rangeClosed(1, c.size()).boxed().toList()));
      // The Korea alerts share their story; the export rules are a story of their own.
      Set<String> koreaStories = latest.values().stream().filter(a -> a.articles().size() > 1)
          .map(Alert::storyId).collect(Collectors.toSet());
      assertThat(koreaStories).hasSize(1).doesNotContainNull();
      // Nothing else trickles in: the unrelated pages and the duplicate feed entry raise nothing.
      waitUntilRawIsProcessed(WAIT);
      assertThat(count(TOPICS.alerts())).isEqualTo(EXPECTED_RECORDS);
      assertThat(count(TOPICS.deadLetter())).isZero();
      // The story as news.stories last told it: three articles, one of each sample outlet's pages.
      Map<String, Story> stories = latestStories();
      Story korea = stories.get(koreaStories.iterator().next());
      assertThat(korea.articleCount()).isEqualTo(3);
      assertThat(korea.latest()).extracting(s -> s.url().substring(s.url().lastIndexOf('/') + 1)).containsExactlyInAnyOrder(
          "analysis-nuclear-diplomacy.html", "commentary-sanctions-relief.html", "korea-liaison-withdrawal.html");
      assertThat(stories.values()).filteredOn(s -> !s.id().equals(korea.id()))
          .allSatisfy(s -> assertThat(s.articleCount()).isEqualTo(1));

      // As an operator lists them: every story, the Korea story's row with its three articles.
      CommandRun listed = CommandRun.of("stories", "--bootstrap-servers", broker.bootstrapServers(), "--active");
      assertThat(listed.exitCode).as(listed.err).isZero();
      assertThat(listed.out.lines().filter(l -> l.contains(" id="))).hasSize(stories.size());
      assertThat(listed.out).containsPattern("\\s3\\s+" + korea.sourceCount() + "\\s+-\\s+"
          + java.util.regex.Pattern.quote(korea.headline()))
          .contains("id=" + korea.id());
      CommandRun top = CommandRun.of("stories", "--bootstrap-servers", broker.bootstrapServers(), "--limit", "1",
          "--json");
      assertThat(top.out.lines()).singleElement().satisfies(l -> assertThat(l).startsWith("{\"id\":"));
      assertThat(CommandRun.of("stories", "--bootstrap-servers", broker.bootstrapServers(), "--limit", "0").exitCode)
          .isEqualTo(2);
    }
    // 7 distinct pages: the liaison story is listed twice (once with tracking parameters).
    assertThat(count(TOPICS.articles())).isEqualTo(7);
  }

  @Test
  @Order(2)
  void restartedIngestEmitsNoItemTwiceAndRaisesNoAlertTwice() throws Exception {
    long rawBefore = count(TOPICS.raw());
    long alertsBefore = count(TOPICS.alerts());
    long statusBefore = count(TOPICS.sourceStatus());
    assertThat(statusBefore).as("every poll wrote a status record").isGreaterThanOrEqualTo(3);
    try (ProcessService p = process(); Ingestor i = ingest()) {
      // A fresh instance restores the seen-set from news.seen: it polls every source again...
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (count(TOPICS.sourceStatus()) < statusBefore + 3 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(count(TOPICS.sourceStatus())).isGreaterThanOrEqualTo(statusBefore + 3);
      waitUntilRawIsProcessed(WAIT);
    }
    // ...and emits nothing it emitted before.
    assertThat(count(TOPICS.raw())).isEqualTo(rawBefore);
    assertThat(count(TOPICS.alerts())).isEqualTo(alertsBefore);
  }

  @Test
  @Order(3)
  void everyRecordOnEveryTopicKeepsItsTopicsContract() {
    for (Topic<String, ?> t : TOPICS.all()) {
      long n = count(t);
      if (t != TOPICS.deadLetter() && t != TOPICS.stories()) {
        assertThat(n).as("%s holds records to check", t.name()).isPositive();
      }
    }
  }

  /** Rule and the story's matching articles (file names, sorted). */
  private static String describe(Alert a) {
    return a.ruleId() + " " + a.articles().stream().map(s -> s.url().substring(s.url().lastIndexOf('/') + 1))
        .sorted().toList();
  }

  /** The latest state of each story in news.stories. */
  private Map<String, Story> latestStories() {
    Map<String, Story> out = new LinkedHashMap<>();
    TopicReplay.replay(broker.bootstrapServers(), TOPICS.stories().name(), r -> out.put(r.key(),
        TOPICS.stories().valueSerde().deserializer().deserialize(TOPICS.stories().name(), r.value())));
    return out;
  }

  private List<Alert> readAlerts(int atLeast, Duration max) {
    Topic<String, Alert> t = TOPICS.alerts();
    List<Alert> out = new ArrayList<>();
    try (KafkaConsumer<String, Alert> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        t.keySerde().deserializer(), Contracts.checked(t))) {
      c.subscribe(List.of(t.name()));
      long deadline = System.nanoTime() + max.toNanos();
      while (out.size() < atLeast && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(300)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }

  /** How many committed records {@code topic} holds, read with read_committed. */
  private long count(Topic<String, ?> topic) {
    return Contracts.checkAll(broker.bootstrapServers(), topic);
  }

  /** Waits until the Streams application's committed offsets on news.raw reach the end. */
  private void waitUntilRawIsProcessed(Duration max) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      long deadline = System.nanoTime() + max.toNanos();
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin
            .listConsumerGroupOffsets(ProcessConfig.defaults().applicationId())
            .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
          latest.put(new TopicPartition(TOPICS.raw().name(), p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get();
        boolean done = ends.entrySet().stream().allMatch(e -> {
          OffsetAndMetadata o = committed.get(e.getKey());
          return e.getValue().offset() == 0 || (o != null && o.offset() >= e.getValue().offset());
        });
        if (done) {
          return;
        }
        Thread.sleep(250);
      }
      throw new AssertionError("news.raw was not fully processed within " + max);
    }
  }
}
