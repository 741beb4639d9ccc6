package io.wirewatch.console.view;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.Rule;
import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The console's topology on a {@link TopologyTestDriver}: records piped into the topics, the views
 * read back through the same {@link ConsoleViews} the server uses. Not thread-safe: tests that
 * serve HTTP call it from one request at a time.
 */
public final class ViewFixture implements AutoCloseable {

  public static final Topics TOPICS = Topics.DEFAULT;
  public static final Instant NOW = Instant.parse("2026-03-22T12:00:00Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final ViewHealth health = new ViewHealth();
  private final ConsoleViews views;

  public ViewFixture() {
    try {
      stateDir = Files.createTempDirectory("console-views");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ConsoleTopology.Indexes indexes = new ConsoleTopology.Indexes(new AlertIndex(), new StoryIndex(CLOCK),
        new ArticleIndex());
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "console-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(ConsoleTopology.build(TOPICS, indexes, health), p);
    views = new ConsoleViews(new StoreLookup() {
      @Override
      public <V> org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
      }
    }, indexes, health);
  }

  public ConsoleViews views() {
    return views;
  }

  public ViewHealth health() {
    return health;
  }

  public synchronized <V> void put(Topic<String, V> topic, String key, V value) {
    TestInputTopic<String, byte[]> in = driver.createInputTopic(topic.name(), new StringSerializer(),
        new ByteArraySerializer());
    in.pipeInput(key, value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  /** Bytes that are no record of the topic's type. */
  public synchronized void putRaw(Topic<String, ?> topic, String key, String bytes) {
    driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(key, bytes.getBytes(StandardCharsets.UTF_8));
  }

  public void alert(Alert a) {
    put(TOPICS.alerts(), a.key(), a);
  }

  public void story(Story s) {
    put(TOPICS.stories(), s.id(), s);
  }

  public void article(Article a) {
    put(TOPICS.articles(), a.id(), a);
  }

  public void rule(Rule r) {
    put(TOPICS.rules(), r.id(), r);
  }

  public void source(SourceDefinition d) {
    put(TOPICS.sources(), d.id(), d);
  }

  public void status(SourceStatus s) {
    put(TOPICS.sourceStatus(), s.sourceId(), s);
  }

  public static Alert alert(String rule, String article, String severity, Instant updatedAt, String storyId) {
    return new Alert(rule, 0, severity, article, "https://news.example/" + article, "Title of " + article,
        "wire", updatedAt, List.of("liaison office"), "…withdrew its staff from the «liaison office» it runs…",
        List.of("diplomacy"), List.of("KP"), "fp-" + article, 1, List.of("wire"), updatedAt, updatedAt, storyId);
  }

  public static Article article(String id, String source, String title, String text, Instant published, String storyId) {
    return new Article(id, source, "https://" + source + ".example/" + id, title, null, published, "en", text,
        List.of("diplomacy"), published, "hash-" + id, 1, List.of(), null, null, storyId);
  }

  public static Story story(String id, String headline, Instant lastSeen, List<Integer> hourly, boolean closed,
      List<Story.StoryArticle> latest) {
    List<String> sources = latest.stream().map(Story.StoryArticle::sourceId).distinct().toList();
    return new Story(id, headline, "en", lastSeen.minus(Duration.ofHours(5)), lastSeen, latest.size(), sources.size(),
        sources, latest, List.of("KP", "KR"), List.of("diplomacy"), List.of("liaison", "office"), hourly,
        null, closed);
  }

  public static SourceDefinition source(String id, boolean enabled) {
    return new SourceDefinition(id, "https://" + id + ".example/feed", "feed", Duration.ofMinutes(5), List.of(), enabled);
  }

  public static SourceStatus status(String id, String error, int failures, boolean healthy) {
    return new SourceStatus(id, NOW.minusSeconds(60), "https://" + id + ".example/feed", error == null ? 200 : 503,
        1, 0, 3, 1000, 12, error, failures, healthy, null, null, NOW.plusSeconds(240));
  }

  @Override
  public void close() {
    driver.close();
  }
}
