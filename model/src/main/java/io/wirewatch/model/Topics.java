package io.wirewatch.model;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic Wirewatch writes, in one place. Each stage writes one topic that any consumer may read;
 * the README's topic table documents the same contracts.
 *
 * @param raw        {@code news.raw}: key article id, value {@link RawArticle}; written by ingest
 * @param articles   {@code news.articles}: key article id, value {@link Article}; cleaned and classified
 * @param alerts     {@code news.alerts}: key {@code ruleId/articleId}, value {@link Alert}
 * @param deadLetter {@code news.dead-letter}: key the failed record's key or URL, value {@link DeadLetter}
 * @param sources    {@code news.sources} (compacted): key source id, value {@link SourceDefinition}
 * @param sourceStatus {@code news.source-status} (compacted and age-bounded): key source id, value
 *                   {@link SourceStatus}, one record per poll
 * @param seen       {@code news.seen} (compacted and age-bounded): key source id and item id, value
 *                   {@link SeenItem}; written to the partition of its source
 * @param rules      {@code news.rules}: key rule id, value {@link Rule}, a tombstone removes the rule;
 *                   compacted, read by every process instance as a global store
 * @param stories    {@code news.stories} (compacted and age-bounded): key story id, value {@link Story},
 *                   the latest state of each story
 */
public record Topics(
    Topic<String, RawArticle> raw,
    Topic<String, Article> articles,
    Topic<String, Alert> alerts,
    Topic<String, DeadLetter> deadLetter,
    Topic<String, SourceDefinition> sources,
    Topic<String, SourceStatus> sourceStatus,
    Topic<String, SeenItem> seen,
    Topic<String, Rule> rules,
    Topic<String, Story> stories) {

  /** The topics with their documented names, no prefix. */
  public static final Topics DEFAULT = withPrefix("");

  /**
   * The same topics with {@code prefix} before each name, so that several pipelines (a test, a
   * staging copy) can share a cluster. An empty prefix gives the documented names.
   */
  public static Topics withPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("prefix must not be null (use \"\" for none)");
    }
    return new Topics(
        new Topic<>(prefix + "news.raw", Serdes.String(), new JsonSerde<>(RawArticle.class)),
        new Topic<>(prefix + "news.articles", Serdes.String(), new JsonSerde<>(Article.class)),
        new Topic<>(prefix + "news.alerts", Serdes.String(), new JsonSerde<>(Alert.class)),
        new Topic<>(prefix + "news.dead-letter", Serdes.String(), new JsonSerde<>(DeadLetter.class)),
        new Topic<>(prefix + "news.sources", Serdes.String(), new JsonSerde<>(SourceDefinition.class)),
        new Topic<>(prefix + "news.source-status", Serdes.String(), new JsonSerde<>(SourceStatus.class)),
        new Topic<>(prefix + "news.seen", Serdes.String(), new JsonSerde<>(SeenItem.class)),
        new Topic<>(prefix + "news.rules", Serdes.String(), new JsonSerde<>(Rule.class)),
        new Topic<>(prefix + "news.stories", Serdes.String(), new JsonSerde<>(Story.class)));
  }

  public List<Topic<String, ?>> all() {
    return List.of(raw, articles, alerts, deadLetter, sources, sourceStatus, seen, rules, stories);
  }

  /** The topic called {@code name}, for tools such as {@code wirewatch tail} that take a name. */
  public Topic<String, ?> byName(String name) {
    return all().stream()
        .filter(t -> t.name().equals(name) || t.name().endsWith(name) && name.startsWith("news."))
        .findFirst()
        .orElseThrow(() -> new InvalidInputException(
            "unknown topic '" + name + "'; known: " + all().stream().map(Topic::name).toList()));
  }
}
