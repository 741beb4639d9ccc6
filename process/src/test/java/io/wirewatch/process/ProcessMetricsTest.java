package io.wirewatch.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process meters move by what the topology decided, record by record. */
class ProcessMetricsTest {

  private static final Instant NOW = Instant.parse("2019-03-22T10:00:00Z");
  private static final Topics TOPICS = Topics.DEFAULT;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProcessMetrics metrics = new ProcessMetrics(registry);
  private final List<DeadLetter> ruleLetters = new ArrayList<>();
  private ProcessComponents components;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> raw;
  @TempDir
  Path stateDir;

  @BeforeEach
  void start() {
    ProcessConfig config = ProcessConfig.defaults().withStateDir(stateDir);
    components = new ProcessComponents(config, TOPICS, Clock.fixed(NOW, ZoneOffset.UTC), metrics);
    driver = new TopologyTestDriver(
        components.topology(TOPICS, metrics.counting((key, letter) -> ruleLetters.add(letter)), 1),
        ProcessService.streamsProperties("unused:9092", config));
    raw = driver.createInputTopic(TOPICS.raw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    TestInputTopic<String, Rule> rules = driver.createInputTopic(TOPICS.rules().name(), Serdes.String().serializer(),
        TOPICS.rules().valueSerde().serializer());
    components.seedRules().rules().forEach(r -> rules.pipeInput(r.id(), r));
  }

  @AfterEach
  void stop() {
    driver.close();
    components.close();
    metrics.close();
  }

  private void send(RawArticle a) {
    raw.pipeInput(a.id(), TOPICS.raw().valueSerde().serializer().serialize(TOPICS.raw().name(), a));
  }

  private static RawArticle page(String url, String html) {
    return new RawArticle(ArticleId.of(url), "test", url, null, null, NOW, "text/html", html, ArticleId.contentHash(html));
  }

  private static String liaison(String when) {
    return "<html lang=\"en\"><head><title>North Korea pulls staff from liaison office</title></head><body>"
        + "<article><h1>North Korea pulls staff from liaison office</h1><p>North Korea withdrew its staff from the"
        + " joint liaison office " + when + ", a day after new US sanctions on two Chinese shipping companies.</p>"
        + "<p>Officials in Seoul said the southern staff would stay at the office for now.</p></article></body></html>";
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private long timed(String stage) {
    return registry.get(ProcessMetrics.STAGE_TIME).tag("stage", stage).timer().count();
  }

  @Test
  void articlesRepeatsFailuresAlertsAndStageTimesAreCounted() {
    String url = "https://news.example/korea-liaison";
    send(page(url, liaison("on Friday")));
    assertThat(counter(ProcessMetrics.ARTICLES, "outcome", "written")).isEqualTo(1);
    assertThat(counter(ProcessMetrics.ALERTS, "kind", "raised", "severity", "critical")).isEqualTo(1);
    assertThat(counter(ProcessMetrics.ALERTS, "kind", "raised", "severity", "warning")).isEqualTo(1);
    assertThat(timed(ProcessMetrics.CLEAN)).isEqualTo(1);
    assertThat(timed(ProcessMetrics.CLASSIFY)).isEqualTo(1);
    assertThat(timed(ProcessMetrics.MATCH)).isEqualTo(1);

    send(page(url, liaison("on Friday"))); // the same page again
    assertThat(counter(ProcessMetrics.ARTICLES, "outcome", "repeat")).isEqualTo(1);
    assertThat(timed(ProcessMetrics.CLEAN)).as("a repeat is not cleaned again").isEqualTo(1);

    send(page(url, liaison("early on Friday"))); // an edit: revision 2; its story's alerts count it already
    assertThat(counter(ProcessMetrics.ARTICLES, "outcome", "written")).isEqualTo(2);
    assertThat(counter(ProcessMetrics.ALERTS, "kind", "updated", "severity", "critical")).isZero();
    send(page("https://other.example/copy", liaison("early on Friday"))); // the story elsewhere: both updated
    assertThat(counter(ProcessMetrics.ARTICLES, "outcome", "written")).isEqualTo(3);
    assertThat(counter(ProcessMetrics.ALERTS, "kind", "updated", "severity", "critical")).isEqualTo(1);
    assertThat(counter(ProcessMetrics.ALERTS, "kind", "updated", "severity", "warning")).isEqualTo(1);
    assertThat(counter(ProcessMetrics.ALERTS, "kind", "raised", "severity", "critical")).isEqualTo(1);
    // Stories: the first page started one, the copy joined it; the revision stayed where it was.
    assertThat(timed(ProcessMetrics.STORIES)).isEqualTo(3);
    assertThat(counter(ProcessMetrics.STORY_EVENTS, "event", "started")).isEqualTo(1);
    assertThat(counter(ProcessMetrics.STORY_EVENTS, "event", "joined")).isEqualTo(1);
    assertThat(counter(ProcessMetrics.STORY_EVENTS, "event", "burst")).isZero();

    raw.pipeInput("poison", "not JSON {".getBytes(StandardCharsets.UTF_8));
    byte[] bytes = new byte[20_000];
    new Random(1).nextBytes(bytes);
    send(page("https://news.example/garbage", new String(bytes, StandardCharsets.ISO_8859_1)));
    assertThat(counter(ProcessMetrics.ARTICLES, "outcome", "failed")).isEqualTo(2);
    assertThat(counter(ProcessMetrics.DEAD_LETTERS, "stage", "process.decode")).isEqualTo(1);
    assertThat(counter(ProcessMetrics.DEAD_LETTERS, "stage", "process.clean")).isEqualTo(1);
    assertThat(counter(ProcessMetrics.DEAD_LETTERS, "stage", "process.classify")).isZero();
    assertThat(timed(ProcessMetrics.CLEAN)).as("a failed cleaning is timed too").isEqualTo(4); // three pages and the garbage one
  }

  @Test
  void aRefusedRuleIsADeadLetterOfTheRuleStageAndTheGaugeCountsActiveRules() {
    metrics.rules(components.rules());
    assertThat(registry.get(ProcessMetrics.RULES).gauge().value()).isEqualTo(2);
    TestInputTopic<String, Rule> rules = driver.createInputTopic(TOPICS.rules().name(), Serdes.String().serializer(),
        TOPICS.rules().valueSerde().serializer());
    Rule broken = new Rule("broken", "\"unclosed");
    rules.pipeInput(broken.id(), broken);
    assertThat(ruleLetters).hasSize(1);
    assertThat(counter(ProcessMetrics.DEAD_LETTERS, "stage", Stage.PROCESS_RULE.wireName())).isEqualTo(1);
    assertThat(registry.get(ProcessMetrics.RULES).gauge().value()).isEqualTo(2);
  }

  @Test
  void aStageNameIsAShortLowerCaseWordNeverFreeText() {
    assertThat(metrics.time("stories", () -> 42)).isEqualTo(42);
    assertThat(timed("stories")).isEqualTo(1);
    assertThatThrownBy(() -> metrics.time("https://news.example/x", () -> 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage name");
  }
}
