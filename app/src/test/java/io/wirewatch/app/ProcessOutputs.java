package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicReplay;
import io.wirewatch.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the process stage committed ({@code news.articles}, {@code news.dead-letter},
 * {@code news.alerts}, read with {@code read_committed}) checked against what was written to
 * {@code news.raw}: every page one article, every poison record one dead letter with its stage and
 * reason, every alert key once per count from 1 to its story's copies.
 */
final class ProcessOutputs {

  final List<Article> articles;
  final List<Map.Entry<String, DeadLetter>> deadLetters;
  final List<Alert> alerts;

  private ProcessOutputs(List<Article> articles, List<Map.Entry<String, DeadLetter>> deadLetters, List<Alert> alerts) {
    this.articles = articles;
    this.deadLetters = deadLetters;
    this.alerts = alerts;
  }

  static ProcessOutputs read(String bootstrapServers, Topics topics) {
    List<Article> articles = new ArrayList<>();
    TopicReplay.replay(bootstrapServers, topics.articles().name(), r -> articles.add(value(topics.articles(), r.value())));
    List<Map.Entry<String, DeadLetter>> letters = new ArrayList<>();
    TopicReplay.replay(bootstrapServers, topics.deadLetter().name(),
        r -> letters.add(Map.entry(String.valueOf(r.key()), value(topics.deadLetter(), r.value()))));
    List<Alert> alerts = new ArrayList<>();
    TopicReplay.replay(bootstrapServers, topics.alerts().name(), r -> alerts.add(value(topics.alerts(), r.value())));
    return new ProcessOutputs(articles, letters, alerts);
  }

  private static <V> V value(Topic<String, V> t, byte[] bytes) {
    return t.valueSerde().deserializer().deserialize(t.name(), bytes);
  }

  /** True when every expected output is there (perhaps with more), for waiting. */
  boolean complete(GeneratedNews news) {
    Set<String> ids = articles.stream().map(Article::id).collect(Collectors.toSet());
    Set<String> letterKeys = deadLetters.stream().map(Map.Entry::getKey).collect(Collectors.toSet());
    int expectedAlerts = news.alerts().stream().mapToInt(a -> a.copyIds().size()).sum();
    return ids.containsAll(news.articleIds()) && letterKeys.containsAll(news.poison().keySet())
        && alerts.stream().filter(a -> !a.ruleId().equals(Rule.BURST_RULE_ID)).count() >= expectedAlerts;
  }

  /** The exact-count assertions. */
  void assertExactlyOnce(GeneratedNews news) {
    assertThat(articles.stream().map(Article::id).toList()).as("one article per page, none twice")
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(news.articleIds());

    assertThat(deadLetters.stream().map(Map.Entry::getKey).toList()).as("one dead letter per poison record")
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(news.poison().keySet());
    for (Map.Entry<String, DeadLetter> e : deadLetters) {
      GeneratedNews.Poison expected = news.poison().get(e.getKey());
      assertThat(e.getValue().stage()).as("stage of the dead letter of %s", e.getKey()).isEqualTo(expected.stage());
      assertThat(e.getValue().reason()).as("reason of the dead letter of %s", e.getKey())
          .contains(expected.reasonContains());
    }

    // One key per rule and story (which pages share a story is the clusterer's to decide): each
    // key's records carry count 1, 2, ... k, in order, each once, and every page a rule matches
    // raised or updated exactly one record of that rule: none lost, none twice.
    Map<String, List<Alert>> byKey = alerts.stream().collect(Collectors.groupingBy(Alert::key));
    for (Map.Entry<String, List<Alert>> e : byKey.entrySet()) {
      assertThat(e.getValue().stream().map(Alert::count).toList()).as("counts of alert %s", e.getKey())
          .containsExactlyElementsOf(IntStream.rangeClosed(1, e.getValue().size()).boxed().toList());
      assertThat(e.getValue().stream().map(Alert::storyId).distinct().toList()).as("story of alert %s", e.getKey())
          .hasSize(1);
    }
    // Bursts depend on the pace of the generated stream, not on the rules: their records are held to
    // the per-key counts above, not to the pages below.
    Map<String, List<String>> causes = new java.util.TreeMap<>();
    for (Alert a : alerts.stream().filter(a -> !a.ruleId().equals(Rule.BURST_RULE_ID)).toList()) {
      // The page that wrote this record: the alert's own for a new alert, the newest listed for an update.
      String page = a.count() == 1 ? a.articleId() : a.articles().get(0).id();
      causes.computeIfAbsent(a.ruleId(), r -> new ArrayList<>()).add(page);
    }
    Map<String, List<String>> expected = new java.util.TreeMap<>();
    for (GeneratedNews.StoryAlert s : news.alerts()) {
      expected.computeIfAbsent(s.ruleId(), r -> new ArrayList<>()).addAll(s.copyIds());
    }
    assertThat(causes.keySet()).as("rules that alerted").isEqualTo(expected.keySet());
    for (String rule : expected.keySet()) {
      assertThat(causes.get(rule)).as("pages that raised or updated an alert of rule %s", rule)
          .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.get(rule));
    }
  }

  /**
   * Waits until the process stage has consumed and committed everything on {@code news.raw} and on
   * its alert repartition topic, so that nothing more is on its way.
   *
   * <p>The group's committed offsets are read before the end offsets: once the raw input is
   * committed, everything it led to is already written to the repartition topic, so end offsets
   * read afterwards include it.
   */
  static void awaitDrained(String bootstrapServers, String applicationId, Topics topics, Duration max)
      throws Exception {
    // Streams gives its repartition topics as many partitions as the input topic.
    int partitions = TopicReplay.partitions(bootstrapServers, topics.raw().name());
    List<TopicPartition> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(new TopicPartition(topics.raw().name(), p));
      parts.add(new TopicPartition(applicationId + "-articles-by-language-repartition", p));
      parts.add(new TopicPartition(applicationId + "-alerts-by-rule-repartition", p));
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      await(() -> {
        try {
          if (!admin.listTopics().names().get().containsAll(parts.stream().map(TopicPartition::topic).toList())) {
            return false; // Streams has not created its repartition topic yet
          }
          Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
              .partitionsToOffsetAndMetadata().get();
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          parts.forEach(p -> latest.put(p, OffsetSpec.latest()));
          var ends = admin.listOffsets(latest).all().get();
          return ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata o = committed.get(e.getKey());
            return e.getValue().offset() == 0 || o != null && o.offset() >= e.getValue().offset();
          });
        } catch (Exception e) {
          return false; // the broker is restarting, say: ask again
        }
      }, max, "the process stage to commit everything on " + topics.raw().name());
    }
  }

  static void await(BooleanSupplier condition, Duration max, String what) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + max + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
