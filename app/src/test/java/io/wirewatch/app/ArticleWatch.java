package io.wirewatch.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code news.articles} with {@code read_committed} from the beginning, all the time, on its
 * own thread, noting when each record became visible: the clock for the stall after a fault. A
 * record becomes visible to a read_committed reader when its transaction commits, so a reader that
 * keeps polling sees each commit within its fetch latency (milliseconds here), and the receipt
 * times are commit times to that precision.
 */
final class ArticleWatch implements AutoCloseable {

  /** One article record as it became visible: partition, article id, System.nanoTime(). */
  record Seen(int partition, String id, long at) {}

  private final List<Seen> seen = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  ArticleWatch(String bootstrapServers, String topic) {
    thread = new Thread(() -> {
      try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
          new StringDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        while (running.get()) {
          for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
            synchronized (seen) {
              seen.add(new Seen(r.partition(), r.key(), System.nanoTime()));
            }
          }
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "article-watch");
    thread.setDaemon(true);
    thread.start();
  }

  int count() {
    check();
    synchronized (seen) {
      return seen.size();
    }
  }

  List<Seen> seen() {
    check();
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /**
   * A commit already on its way when a process died becomes visible just after the kill, and so
   * do the commits just before it that this reader had not fetched yet: an article seen within this
   * long after a fault is the dead process's, not the first of the resumed stage. Nothing can
   * resume that fast (a restarted JVM needs seconds, a takeover the session timeout).
   */
  static final Duration GRACE = Duration.ofMillis(500);

  /**
   * When the stage resumed after {@code faultAt}: the first article on one of {@code partitions}
   * (null: any) seen more than {@link #GRACE} after the fault.
   *
   * @return System.nanoTime() of that article
   */
  long resumedAt(long faultAt, Set<Integer> partitions) {
    return firstAfter(faultAt, partitions)
        .orElseThrow(() -> new AssertionError("no article on partitions " + partitions + " after the fault"));
  }

  /** Whether the stage resumed after {@code faultAt} on {@code partitions} (null: any). */
  boolean resumed(long faultAt, Set<Integer> partitions) {
    return firstAfter(faultAt, partitions).isPresent();
  }

  /**
   * When the stage resumed after a process died at {@code killedAt}: the first article on one of
   * {@code partitions} (null: any) whose raw record {@code writer} sent after the kill, when it
   * still sent any (else the grace decides alone). The grace alone is not enough while records
   * flow: on a busy machine the transaction coordinator wrote the markers of a commit the dead
   * process had asked for more than 500 ms after the kill, and the stall read 0.5 s.
   */
  long resumedAt(long killedAt, Set<Integer> partitions, RawWriter writer) {
    return firstAfter(killedAt, partitions, writer)
        .orElseThrow(() -> new AssertionError("no article of a record written after the kill on partitions " + partitions));
  }

  /** Whether the stage resumed after a process died at {@code killedAt} (see {@link #resumedAt(long, Set, RawWriter)}). */
  boolean resumed(long killedAt, Set<Integer> partitions, RawWriter writer) {
    return firstAfter(killedAt, partitions, writer).isPresent();
  }

  private OptionalLong firstAfter(long faultAt, Set<Integer> partitions) {
    return firstAfter(faultAt, partitions, null);
  }

  private OptionalLong firstAfter(long faultAt, Set<Integer> partitions, RawWriter writer) {
    long from = faultAt + GRACE.toNanos();
    return seen().stream()
        .filter(s -> s.at() > from && (partitions == null || partitions.contains(s.partition())))
        .filter(s -> writer == null || !writer.sentAnyAfter(faultAt) || writer.sentAfter(s.id(), faultAt))
        .mapToLong(Seen::at).min();
  }

  private void check() {
    Throwable e = failure.get();
    if (e != null) {
      throw new AssertionError("the article watch failed", e);
    }
  }

  static double seconds(long nanos) {
    return nanos / (double) TimeUnit.SECONDS.toNanos(1);
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
