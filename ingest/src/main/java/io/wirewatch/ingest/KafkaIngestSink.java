package io.wirewatch.ingest;

import io.wirewatch.ingest.poll.Poll;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes raw articles, seen-set entries, status records and dead letters with one transactional
 * producer. Polls hand over whole {@link Poll}s; the owner of the sources consumer commits every
 * {@code ingest.commit-interval} (group commit: one transaction carries many polls, so 10,000
 * sources do not cost 10,000 commits). A poll is inside one transaction or none, so an article is
 * never committed without its seen-set entry, nor the other way round; an aborted transaction
 * undoes the in-memory seen-set so the items are polled again.
 *
 * <p>Zombie fencing (KIP-447): each commit carries the consumed positions of {@code news.sources}
 * with the consumer's group metadata, so the broker refuses the transaction of an instance whose
 * generation is over, one that stalled and whose sources another instance polls now. Transactional
 * ids can then stay random per instance. A refused or fenced commit is fatal:
 * {@link IngestStoppedException}.
 *
 * <p>Seen-set entries and status records go to the partition of their source in
 * {@code news.sources} (same hash as Kafka's default partitioner, same partition count), so an
 * instance assigned a sources partition finds its state in the same partition number.
 */
public final class KafkaIngestSink implements IngestSink {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestSink.class);

  /**
   * What a commit carries besides the output: the consumed positions of {@code news.sources} and
   * the group metadata of the generation they were consumed in. Read on the committing thread,
   * which must be the consumer's own.
   */
  public interface Fencing {
    Map<TopicPartition, OffsetAndMetadata> offsets();

    ConsumerGroupMetadata groupMetadata();
  }

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final Fencing fencing;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Runnable> pendingUndo = new ArrayList<>();
  private final Map<String, Integer> partitions = new ConcurrentHashMap<>();
  private final AtomicLong failedSends = new AtomicLong();
  private boolean dirty;
  private volatile boolean closed;

  public KafkaIngestSink(Producer<String, byte[]> producer, Topics topics, Fencing fencing) {
    this.producer = producer;
    this.topics = topics;
    this.fencing = fencing;
    producer.initTransactions();
    producer.beginTransaction();
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
  public void publish(Poll poll) {
    lock.readLock().lock();
    try {
      checkOpen();
      poll.articles().forEach(a -> send(topics.raw(), a.id(), a, null));
      poll.seenItems().forEach(s -> send(topics.seen(), SeenItem.key(s.sourceId(), s.itemId()), s, s.sourceId()));
      poll.deadLetters().forEach(l -> send(topics.deadLetter(), l.key(), l.letter(), null));
      SourceStatus status = poll.status();
      send(topics.sourceStatus(), status.sourceId(), status, status.sourceId());
      synchronized (pendingUndo) {
        pendingUndo.add(poll::undo);
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

  /**
   * Commits what was handed over so far, fenced by the consumer's position and generation, and
   * opens the next transaction. Call it on the thread that owns the sources consumer.
   *
   * @throws IngestStoppedException when the broker refuses the transaction for good
   */
  @Override
  public void flush() {
    lock.writeLock().lock();
    try {
      List<Runnable> undo = takePending();
      if (undo == null) {
        return;
      }
      try {
        Map<TopicPartition, OffsetAndMetadata> offsets = fencing.offsets();
        if (!offsets.isEmpty()) {
          producer.sendOffsetsToTransaction(offsets, fencing.groupMetadata());
        }
        producer.commitTransaction();
      } catch (ProducerFencedException | InvalidProducerEpochException | FencedInstanceIdException
          | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
        throw stop(undo, false, "ingest producer fenced or refused, this instance stops: " + e.getMessage(), e);
      } catch (CommitFailedException e) {
        throw stop(undo, true, "ingest transaction refused: another instance owns this instance's sources now"
            + " (its group generation is over): " + e.getMessage(), e);
      } catch (KafkaException e) {
        LOG.warn("ingest transaction aborted ({}); its polls will be repeated", e.toString());
        abortOrStop(undo);
      }
      begin(undo);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Aborts what was handed over since the last commit and undoes it: for partitions lost without
   * a revocation, whose generation is gone and whose output another instance will produce.
   */
  public void abort() {
    lock.writeLock().lock();
    try {
      List<Runnable> undo = takePending();
      if (undo != null) {
        abortOrStop(undo);
        begin(undo);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The undo actions of what is pending, or null when there is nothing to commit. */
  private List<Runnable> takePending() {
    synchronized (pendingUndo) {
      if (!dirty || closed) {
        return null;
      }
      List<Runnable> undo = new ArrayList<>(pendingUndo);
      pendingUndo.clear();
      dirty = false;
      return undo;
    }
  }

  private void abortOrStop(List<Runnable> undo) {
    try {
      producer.abortTransaction();
      undo.forEach(Runnable::run);
    } catch (KafkaException e) {
      throw stop(undo, false, "ingest producer can no longer abort its transaction, this instance stops: "
          + e.getMessage(), e);
    }
  }

  private void begin(List<Runnable> undo) {
    try {
      producer.beginTransaction();
    } catch (KafkaException e) {
      throw stop(undo, false, "ingest producer can no longer open a transaction, this instance stops: "
          + e.getMessage(), e);
    }
  }

  private IngestStoppedException stop(List<Runnable> undo, boolean abort, String reason, Exception cause) {
    if (abort) {
      try {
        producer.abortTransaction();
      } catch (KafkaException alsoFailed) {
        cause.addSuppressed(alsoFailed);
      }
    }
    undo.forEach(Runnable::run);
    closed = true;
    return new IngestStoppedException(reason, cause);
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        // Whatever is still pending was not committed by the consumer's owner: without its
        // fencing it must not be committed at all.
        List<Runnable> undo = takePending();
        if (undo != null) {
          LOG.warn("ingest output of {} polls left uncommitted at close is dropped", undo.size());
          abortOrStop(undo);
        }
      }
    } catch (IngestStoppedException e) {
      LOG.warn("{}", e.getMessage());
    } finally {
      closed = true;
      lock.writeLock().unlock();
      // What is left is at most an empty open transaction, which the coordinator aborts. Measured:
      // a 10 s close timeout was spent in full on every clean stop, so Ctrl-C took 10 s longer.
      producer.close(Duration.ofSeconds(2));
    }
  }
}
