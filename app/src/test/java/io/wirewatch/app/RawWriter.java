package io.wirewatch.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes generated records to {@code news.raw} at a steady rate on its own thread, as ingest would,
 * so that the process stage is mid-stream whenever a test kills something. Idempotent producer with
 * {@code acks=all}: a send retried across a broker restart is written once.
 */
final class RawWriter implements AutoCloseable {

  /** When each key was first sent (System.nanoTime()). */
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private volatile long lastSentAt = Long.MIN_VALUE;
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private Thread thread;

  RawWriter(String bootstrapServers, String topic) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** Writes {@code records} now and waits until the broker has them. */
  void writeAll(List<GeneratedNews.Raw> records) throws Exception {
    for (GeneratedNews.Raw r : records) {
      send(r);
    }
    producer.flush();
    check();
  }

  /**
   * Starts writing {@code records} at {@code perSecond} on a background thread. Pacing is the
   * point here (a stream, not a burst); nothing waits on it for synchronisation.
   */
  synchronized void startWriting(List<GeneratedNews.Raw> records, int perSecond) {
    if (thread != null) {
      throw new IllegalStateException("already writing");
    }
    thread = new Thread(() -> {
      long start = System.nanoTime();
      long every = TimeUnit.SECONDS.toNanos(1) / perSecond;
      for (int i = 0; i < records.size() && failure.get() == null; i++) {
        long due = start + i * every;
        long wait = due - System.nanoTime();
        try {
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          send(records.get(i));
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }
      producer.flush();
    }, "raw-writer");
    thread.setDaemon(true);
    thread.start();
  }

  private void send(GeneratedNews.Raw r) {
    long now = System.nanoTime();
    sentAt.putIfAbsent(r.key(), now);
    lastSentAt = now;
    producer.send(new ProducerRecord<>(topic, r.key(), r.value()), (meta, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      } else {
        acknowledged.incrementAndGet();
      }
    });
  }

  /**
   * Whether the raw record of article {@code id} was first sent after {@code at} (System.nanoTime()):
   * an article of such a record cannot come from a process that died at {@code at}.
   */
  boolean sentAfter(String id, long at) {
    Long sent = sentAt.get(id);
    return sent != null && sent > at;
  }

  /** Whether any record was sent after {@code at} (System.nanoTime()). */
  boolean sentAnyAfter(long at) {
    return lastSentAt > at;
  }

  /** Records the broker acknowledged so far. */
  int acknowledged() {
    return acknowledged.get();
  }

  /** Whether the background writer is still sending. */
  synchronized boolean writing() {
    return thread != null && thread.isAlive();
  }

  /** Waits until the background writer has sent everything and the broker acknowledged it. */
  void awaitDone(Duration max) throws Exception {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.join(max.toMillis());
      if (t.isAlive()) {
        throw new AssertionError("the raw writer did not finish within " + max + " (" + acknowledged() + " acknowledged)");
      }
    }
    check();
  }

  private void check() throws Exception {
    Exception e = failure.get();
    if (e != null) {
      throw new AssertionError("writing to " + topic + " failed", e);
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(10));
  }
}
