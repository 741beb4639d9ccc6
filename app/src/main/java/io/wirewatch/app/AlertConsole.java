package io.wirewatch.app;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints alerts as they are committed to {@code news.alerts}, in a form a person reads at a glance,
 * each with its story as {@code news.stories} last told it (the story of an alert is written before
 * the alert). Uses a consumer group, so a restart continues after the last alert it printed.
 */
public final class AlertConsole implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertConsole.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Topic<String, Alert> topic;
  private final Topic<String, Story> stories;
  /** The latest state of each story seen, for the alerts' story lines. */
  private final LatestStories storyById;
  private static final int MAX_STORIES = 10_000;
  private final PrintStream out;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong printed = new AtomicLong();

  public AlertConsole(String bootstrapServers, String groupId, Topics topics, PrintStream out) {
    this.topic = topics.alerts();
    this.stories = topics.stories();
    this.storyById = new LatestStories(stories, MAX_STORIES);
    Topic<String, Alert> topic = this.topic;
    this.out = out;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        // Only alerts of committed Streams transactions: an aborted attempt is never shown.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        topic.keySerde().deserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic.name(), stories.name()));
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.topic().equals(stories.name())) {
            remember(r);
            continue;
          }
          Alert alert;
          try {
            alert = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
          } catch (RuntimeException e) {
            // One record written by something else must not silence every later alert.
            LOG.error("skipping unreadable record {}@{}/{}: {}", r.key(), r.partition(), r.offset(), e.getMessage());
            continue;
          }
          if (alert == null) {
            continue;
          }
          out.println(format(alert, alert.storyId() == null ? null : storyById.get(alert.storyId())));
          out.flush();
          printed.incrementAndGet();
        }
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("alert printer stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  public long printed() {
    return printed.get();
  }

  private void remember(ConsumerRecord<String, byte[]> r) {
    if (!storyById.accept(r)) {
      LOG.error("skipping unreadable story {}@{}/{}", r.key(), r.partition(), r.offset());
    }
  }

  /**
   * An alert as a person reads it: kind, severity, rule and headline; its story (when known); where
   * it comes from; the link and the snippet with the matched words marked. A story's burst reads as
   * a burst; an update of a story's alert says how many of the story's articles the rule matched.
   */
  static String format(Alert a, Story story) {
    StringBuilder sb = new StringBuilder();
    boolean burst = Rule.BURST_RULE_ID.equals(a.ruleId());
    sb.append(burst ? "BURST" : a.isUpdate() ? "UPDATE" : "ALERT").append(" [")
        .append(a.severity().toUpperCase(Locale.ROOT)).append("] rule=").append(a.ruleId())
        .append("  \"").append(a.title()).append("\"");
    if (a.isUpdate()) {
      sb.append("  seen ").append(a.count()).append("x, sources=").append(String.join(",", a.sources()));
    }
    sb.append("\n");
    if (a.storyId() != null) {
      sb.append("      story=").append(a.storyId());
      if (story != null) {
        sb.append("  ").append(story.articleCount()).append(story.articleCount() == 1 ? " article, " : " articles, ")
            .append(story.sourceCount()).append(story.sourceCount() == 1 ? " source" : " sources")
            .append(" (").append(String.join(",", story.sources())).append(")");
        if (story.burstAt() != null) {
          sb.append("  BREAKING since ").append(story.burstAt());
        }
      }
      sb.append("\n");
    }
    sb.append("      source=").append(a.sourceId());
    if (a.published() != null) {
      sb.append("  published=").append(a.published());
    }
    sb.append("  terms=").append(String.join(", ", a.matchedTerms()));
    if (!a.categories().isEmpty()) {
      sb.append("  categories=").append(String.join(",", a.categories()));
    }
    sb.append("\n      ").append(a.url());
    if (a.snippet() != null && !a.snippet().isBlank()) {
      sb.append("\n      ").append(a.snippet());
    }
    return sb.toString();
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
