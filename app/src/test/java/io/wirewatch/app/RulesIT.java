package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.model.Alert;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.Topics;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.ProcessService;
import io.wirewatch.process.alert.RulesTopic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Rules changed at run time with `wirewatch rules ...` change the alerts of a running process stage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  private EmbeddedKafka broker;
  private ProcessService process;
  private KafkaConsumer<String, Alert> alerts;

  @BeforeAll
  void start() {
    broker = new EmbeddedKafka(dir.resolve("broker"), Map.of()).start();
    TopicCreator.ensure(broker.bootstrapServers(), TOPICS, 1, (short) 1);
    process = new ProcessService(broker.bootstrapServers(),
        ProcessConfig.defaults().withStateDir(dir.resolve("streams")), TOPICS, Clock.systemUTC());
    process.start();
    alerts = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "rules-it",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        TOPICS.alerts().keySerde().deserializer(), Contracts.checked(TOPICS.alerts()));
    alerts.subscribe(List.of(TOPICS.alerts().name()));
  }

  @AfterAll
  void stop() {
    alerts.close();
    process.close();
    broker.close();
  }

  @Test
  void removingAnUnknownSourceIsBadInputLikeEveryCommandsErrors() {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = Wirewatch.commandLine();
    cl.setErr(new java.io.PrintWriter(err, true));

    assertThat(cl.execute("sources", "remove", "no-such-source", "--bootstrap-servers", broker.bootstrapServers()))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("wirewatch: no source 'no-such-source'");
  }

  @Test
  void addTestAndRemoveRulesWithoutRestart() throws Exception {
    String bs = broker.bootstrapServers();
    assertThat(cli("rules", "list", "--bootstrap-servers", bs)).contains("\"id\":\"sanctions\"");

    assertThat(cli("rules", "add", "typhoon", "typhoon OR hurricane", "--severity", "critical", "--bootstrap-servers", bs))
        .contains("rule typhoon written");
    // A rule that does not parse is refused and nothing is written.
    assertThat(Wirewatch.commandLine().execute("rules", "add", "broken", "\"unclosed", "--bootstrap-servers", bs))
        .isEqualTo(2);
    assertThat(cli("rules", "list", "--bootstrap-servers", bs)).contains("typhoon").doesNotContain("broken");

    // The running instance applies the new rule within seconds: retry until an article raises it.
    Alert first = null;
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (int i = 0; first == null && System.nanoTime() < deadline; i++) {
      send("https://news.example/typhoon-" + i, "Typhoon warning for the islands",
          "A typhoon is expected to reach the southern islands on Monday afternoon, forecasters said.");
      first = poll(Duration.ofSeconds(3)).stream().filter(a -> a.ruleId().equals("typhoon")).findFirst().orElse(null);
    }
    assertThat(first).isNotNull();
    assertThat(first.severity()).isEqualTo("critical");

    // The preview runs over retained articles.
    assertThat(cli("rules", "test", "typhoon AND islands", "--bootstrap-servers", bs))
        .contains("\"title\":\"Typhoon warning for the islands\"").contains("«typhoon»");

    assertThat(cli("rules", "remove", "typhoon", "--bootstrap-servers", bs)).contains("removed");
    assertThat(cli("rules", "list", "--bootstrap-servers", bs)).doesNotContain("typhoon");
    // The running instance applies the tombstone within seconds: probe until an article that
    // mentions both words raises only the sanctions alert.
    boolean typhoonGone = false;
    deadline = System.nanoTime() + WAIT.toNanos();
    for (int i = 0; !typhoonGone && System.nanoTime() < deadline; i++) {
      String id = ArticleId.of(send("https://news.example/after-" + i, "Typhoon and sanctions",
          "A typhoon hit the port on Tuesday while new sanctions on shipping companies took effect."));
      List<Alert> probe = pollUntil(a -> a.articleId().equals(id) && a.ruleId().equals("sanctions"));
      typhoonGone = probe.stream().noneMatch(a -> a.articleId().equals(id) && a.ruleId().equals("typhoon"));
    }
    assertThat(typhoonGone).as("typhoon rule removed from the running instance").isTrue();
  }

  @Test
  void importingAnUnchangedRuleChangesNoVersionAndVersionsAreUnique() throws Exception {
    String bs = broker.bootstrapServers();
    Path file = dir.resolve("import.yaml");
    Files.writeString(file, "rules:\n  - id: quake\n    query: earthquake\n  - id: flood\n    query: flood\n");
    assertThat(cli("rules", "import", file.toString(), "--bootstrap-servers", bs)).contains("2 rules written");
    Map<String, Long> before = versions(bs);
    assertThat(cli("rules", "import", file.toString(), "--bootstrap-servers", bs))
        .contains("0 rules written").contains("2 unchanged");
    assertThat(versions(bs)).isEqualTo(before);
    Files.writeString(file, "rules:\n  - id: quake\n    query: earthquake OR tremor\n  - id: flood\n    query: flood\n");
    assertThat(cli("rules", "import", file.toString(), "--bootstrap-servers", bs)).contains("1 rules written");
    Map<String, Long> after = versions(bs);
    assertThat(after.get("quake")).isGreaterThan(before.get("quake"));
    assertThat(after.get("flood")).isEqualTo(before.get("flood"));
    // news.rules has one partition, so versions are offsets: no two rules share one.
    assertThat(new java.util.HashSet<>(after.values())).hasSameSizeAs(after.values());
  }

  private static Map<String, Long> versions(String bs) {
    Map<String, Long> out = new java.util.TreeMap<>();
    new RulesTopic(bs, TOPICS.rules()).readAll().forEach((id, r) -> out.put(id, r.version()));
    return out;
  }

  private String send(String url, String title, String text) {
    String html = "<html><body><article><h1>" + title + "</h1><p>" + text + "</p></article></body></html>";
    RawArticle raw = new RawArticle(ArticleId.of(url), "it", url, null, null, Instant.now(), "text/html", html,
        ArticleId.contentHash(html));
    try (KafkaProducer<String, RawArticle> p = new KafkaProducer<>(
        Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
        TOPICS.raw().valueSerde().serializer())) {
      p.send(new ProducerRecord<>(TOPICS.raw().name(), raw.id(), raw));
    }
    return url;
  }

  private List<Alert> poll(Duration d) {
    List<Alert> out = new ArrayList<>();
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      alerts.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
    }
    return out;
  }

  private List<Alert> pollUntil(java.util.function.Predicate<Alert> seen) {
    List<Alert> out = new ArrayList<>();
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end && out.stream().noneMatch(seen)) {
      alerts.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
    }
    out.addAll(poll(Duration.ofSeconds(2))); // anything that would follow
    return out;
  }

  /** Runs a `wirewatch` command in-process and returns what it printed on stdout. */
  private static String cli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int code = Wirewatch.commandLine().execute(args);
      assertThat(code).as("exit code of %s", String.join(" ", args)).isZero();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
