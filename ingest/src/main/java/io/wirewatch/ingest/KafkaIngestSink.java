package io.wirewatch.ingest;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes raw articles, seen-set entries, status records and dead letters with one transactional
 * producer. Polls hand over whole batches; a committer commits every {@code commitInterval}
 * (group commit: one transaction carries many polls, so 10,000 sources do not cost 10,000
 * commits). A batch is inside one transaction or none, so an article is never committed without
 * its seen-set entry, nor the other way round; an aborted transaction undoes the in-memory
 * seen-set so the items are polled again.
 *
 * <p>Seen-set entries and status records go to the partition of their source in
 * {@code news.sources} (same hash as Kafka's default partitioner, same partition count), so an
 * instance assigned a sources partition finds its state in the same partition number.
 */
public final class KafkaIngestSink implements IngestSink {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestSink.class);

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Runnable> pendingUndo = new ArrayList<>();
  private final Map<String, Integer> partitions = new ConcurrentHashMap<>();
  private final AtomicLong failedSends = new AtomicLong();
  private final ScheduledExecutorService committer;
  private boolean dirty;
  private boolean closed;

  public KafkaIngestSink(Producer<String, byte[]> producer, Topics topics, Duration commitInterval) {
    this.producer = producer;
    this.topics = topics;
    producer.initTransactions();
    producer.beginTransaction();
    committer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wirewatch-ingest-commit");
      t.setDaemon(true);
      return t;
    });
    committer.scheduleWithFixedDelay(this::commitSafely, commitInterval.toMillis(), commitInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** A transactional producer for {@code bootstrapServers} with the configured pass-through settings. */
  public static Producer<String, byte[]> producer(String bootstrapServers, Map<String, String> settings,
      String transactionalId) {
    Map<String, Object> props = new HashMap<>(settings);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void publish(PollBatch batch) {
    lock.readLock().lock();
    try {
      checkOpen();
      batch.articles().forEach(a -> send(topics.raw(), a.id(), a, null));
      batch.seen().forEach(s -> send(topics.seen(), SeenItem.key(s.sourceId(), s.itemId()), s, s.sourceId()));
      batch.deadLetters.forEach(l -> send(topics.deadLetter(), l.key(), l.letter(), null));
      if (batch.status() != null) {
        send(topics.sourceStatus(), batch.status().sourceId(), batch.status(), batch.status().sourceId());
      }
      synchronized (pendingUndo) {
        pendingUndo.add(batch.onAbort());
        dirty = true;
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void article(RawArticle article) {
    single(topics.raw(), article.id(), article, null);
  }

  @Override
  public void deadLetter(String key, DeadLetter letter) {
    single(topics.deadLetter(), key, letter, null);
  }

  @Override
  public void status(SourceStatus status) {
    single(topics.sourceStatus(), status.sourceId(), status, status.sourceId());
  }

  @Override
  public void seen(SeenItem item) {
    single(topics.seen(), SeenItem.key(item.sourceId(), item.itemId()), item, item.sourceId());
  }

  private <V> void single(Topic<String, V> topic, String key, V value, String sourceId) {
    lock.readLock().lock();
    try {
      checkOpen();
      send(topic, key, value, sourceId);
      synchronized (pendingUndo) {
        dirty = true;
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("ingest sink is closed");
    }
  }

  private <V> void send(Topic<String, V> topic, String key, V value, String sourceId) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    Integer partition = sourceId == null ? null : partitionOf(topic.name(), sourceId);
    producer.send(new ProducerRecord<>(topic.name(), partition, key, bytes), (meta, error) -> {
      if (error != null) {
        // The transaction will fail to commit and be aborted; its polls are repeated.
        failedSends.incrementAndGet();
        LOG.error("send to {} failed for key {}", topic.name(), key, error);
      }
    });
  }

  /** The partition Kafka's default partitioner gives {@code sourceId} in news.sources. */
  int partitionOf(String topic, String sourceId) {
    int n = partitions.computeIfAbsent(topic, t -> producer.partitionsFor(t).size());
    return Utils.toPositive(Utils.murmur2(sourceId.getBytes(StandardCharsets.UTF_8))) % n;
  }

  /** Sends that failed since start (their transactions were aborted). */
  public long failedSends() {
    return failedSends.get();
  }

  private void commitSafely() {
    try {
      commit();
    } catch (RuntimeException e) {
      LOG.error("commit of ingest output failed", e);
    }
  }

  /** Commits what was handed over so far and opens the next transaction. */
  private void commit() {
    lock.writeLock().lock();
    try {
      List<Runnable> undo;
      synchronized (pendingUndo) {
        if (!dirty || closed) {
          return;
        }
        undo = new ArrayList<>(pendingUndo);
        pendingUndo.clear();
        dirty = false;
      }
      try {
        producer.commitTransaction();
      } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException fatal) {
        undo.forEach(Runnable::run);
        closed = true;
        LOG.error("ingest producer can no longer write ({}); this instance stops emitting", fatal.toString());
        return;
      } catch (KafkaException e) {
        LOG.warn("ingest transaction aborted ({}); its polls will be repeated", e.toString());
        producer.abortTransaction();
        undo.forEach(Runnable::run);
      }
      producer.beginTransaction();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void flush() {
    commit();
  }

  @Override
  public void close() {
    committer.shutdown();
    try {
      committer.awaitTermination(10, TimeUnit.SECONDS);
      commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("final commit of ingest output failed", e);
    } finally {
      lock.writeLock().lock();
      try {
        closed = true;
      } finally {
        lock.writeLock().unlock();
      }
      // Everything handed over was committed just above; what is left is at most an empty open
      // transaction, which the coordinator aborts. Measured: a 10 s close timeout was spent in full
      // on every clean stop, so Ctrl-C took 10 s longer than it needs.
      producer.close(Duration.ofSeconds(2));
    }
  }
}
