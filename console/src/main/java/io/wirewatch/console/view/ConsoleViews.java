package io.wirewatch.console.view;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.Rule;
import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Story;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The console's queries, answered from the stores and their indexes. Lists are read from the index
 * first and only the records returned are read from the store.
 */
public final class ConsoleViews {

  /** Alerts shown on a story's page at most. */
  static final int STORY_ALERTS = 200;

  private final StoreLookup stores;
  private final ConsoleTopology.Indexes indexes;
  private final ViewHealth health;

  public ConsoleViews(StoreLookup stores, ConsoleTopology.Indexes indexes, ViewHealth health) {
    this.stores = stores;
    this.indexes = indexes;
    this.health = health;
  }

  public ViewHealth health() {
    return health;
  }

  /** Alerts the filter accepts, newest first. */
  public List<Alert> alerts(AlertFilter filter) {
    return read(ConsoleTopology.ALERTS, indexes.alerts().keys(filter));
  }

  public List<Story> stories(boolean activeOnly, StorySort sort, int limit) {
    return read(ConsoleTopology.STORIES, indexes.stories().ids(activeOnly, sort, limit));
  }

  public Optional<Story> story(String id) {
    return Optional.ofNullable(this.<Story>store(ConsoleTopology.STORIES).get(id));
  }

  /**
   * A story with its articles grouped by outlet and its alerts. The articles are the retained ones
   * whose {@code storyId} names the story, else the story record's latest; the alerts are those whose
   * {@code storyId} names it, or that were raised on one of its articles.
   */
  public Optional<StoryDetail> storyDetail(String id) {
    Story story = story(id).orElse(null);
    if (story == null) {
      return Optional.empty();
    }
    List<Story.StoryArticle> articles = new ArrayList<>();
    for (Article a : this.<Article>read(ConsoleTopology.ARTICLES, indexes.articles().ofStory(id))) {
      articles.add(new Story.StoryArticle(a.id(), a.url(), a.title(), a.sourceId(),
          a.published() != null ? a.published() : a.fetchedAt()));
    }
    String from = "articles";
    if (articles.isEmpty()) {
      articles.addAll(story.latest());
      from = "story";
    }
    articles.sort(Comparator.comparing((Story.StoryArticle a) -> a.published() == null ? Instant.EPOCH : a.published())
        .reversed().thenComparing(Story.StoryArticle::id));
    Map<String, List<Story.StoryArticle>> bySource = new LinkedHashMap<>();
    story.sources().forEach(s -> bySource.put(s, new ArrayList<>()));
    articles.forEach(a -> bySource.computeIfAbsent(Objects.requireNonNullElse(a.sourceId(), "?"), s -> new ArrayList<>())
        .add(a));
    List<StoryDetail.Outlet> outlets = new ArrayList<>();
    bySource.forEach((s, list) -> {
      if (!list.isEmpty()) {
        outlets.add(new StoryDetail.Outlet(s, list));
      }
    });
    Set<String> articleIds = new HashSet<>();
    articles.forEach(a -> articleIds.add(a.id()));
    List<Alert> alerts = read(ConsoleTopology.ALERTS, indexes.alerts()
        .keys(e -> id.equals(e.storyId()) || articleIds.contains(e.articleId()), STORY_ALERTS));
    return Optional.of(new StoryDetail(story, from, outlets, alerts));
  }

  public Optional<Article> article(String id) {
    return Optional.ofNullable(this.<Article>store(ConsoleTopology.ARTICLES).get(id));
  }

  /** Retained articles. */
  public long articleCount() {
    return health.count(ConsoleTopology.ARTICLES);
  }

  /**
   * Hands each retained article to {@code each} in the store's key order until it returns false.
   *
   * @return how many articles were handed over
   */
  public long scanArticles(Predicate<Article> each) {
    long n = 0;
    try (KeyValueIterator<String, Article> it = this.<Article>store(ConsoleTopology.ARTICLES).all()) {
      while (it.hasNext()) {
        n++;
        if (!each.test(it.next().value)) {
          break;
        }
      }
    }
    return n;
  }

  /** Every source with its health, failing first. */
  public List<SourceView> sources() {
    ReadOnlyKeyValueStore<String, SourceStatus> status = store(ConsoleTopology.SOURCE_STATUS);
    List<SourceView> out = new ArrayList<>();
    for (SourceDefinition d : this.<SourceDefinition>all(ConsoleTopology.SOURCES)) {
      out.add(SourceView.of(d, status.get(d.id())));
    }
    out.sort(SourceView.FAILING_FIRST);
    return out;
  }

  public Optional<SourceDefinition> source(String id) {
    return Optional.ofNullable(this.<SourceDefinition>store(ConsoleTopology.SOURCES).get(id));
  }

  /** The rules by id, each with its version (the offset of its record). */
  public List<Rule> rules() {
    List<Rule> out = new ArrayList<>(this.<Rule>all(ConsoleTopology.RULES));
    out.sort(Comparator.comparing(Rule::id));
    return out;
  }

  public Optional<Rule> rule(String id) {
    return Optional.ofNullable(this.<Rule>store(ConsoleTopology.RULES).get(id));
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return stores.store(name);
  }

  private <V> List<V> all(String name) {
    List<V> out = new ArrayList<>();
    try (KeyValueIterator<String, V> it = this.<V>store(name).all()) {
      while (it.hasNext()) {
        KeyValue<String, V> kv = it.next();
        out.add(kv.value);
      }
    }
    return out;
  }

  /** The values of {@code keys} in their order; a key removed since the index was read is left out. */
  private <V> List<V> read(String name, List<String> keys) {
    ReadOnlyKeyValueStore<String, V> s = store(name);
    List<V> out = new ArrayList<>(keys.size());
    for (String k : keys) {
      V v = s.get(k);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }
}
