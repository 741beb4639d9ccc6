package io.wirewatch.notify.offset;

import io.wirewatch.notify.deliver.Delivery;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed when channels finish at different speeds. Each record read is
 * registered with the number of deliveries it gave (one per event and channel that wants it); a
 * partition's committable position is its first record some channel is not done with, or the
 * position after its last record when all are done. A fast channel therefore never causes a
 * commit past an event a slow one still holds: after a crash, everything not committed is read
 * and delivered again (at least once), and receivers drop the repeats by their idempotency key.
 *
 * <p>Thread-safe: the consumer's thread registers and commits, the channels' threads finish.
 */
public final class OffsetTracker {

  private final Map<TopicPartition, Progress> partitions = new HashMap<>();

  /**
   * Registers the record at {@code offset} of {@code tp}, which gave {@code deliveries} deliveries
   * (0: nothing to deliver, done at once).
   *
   * @return its tickets' source: {@link Pending#ticket()} once per delivery
   */
  public synchronized Pending add(TopicPartition tp, long offset, int deliveries) {
    Progress p = partitions.computeIfAbsent(tp, x -> new Progress());
    p.next = Math.max(p.next, offset + 1);
    Pending pending = new Pending(p, offset, deliveries);
    if (deliveries > 0) {
      p.open.put(offset, pending);
    }
    return pending;
  }

  /** The positions to commit now: for each partition whose committable position moved since the last commit. */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    partitions.forEach((tp, p) -> {
      long pos = p.open.isEmpty() ? p.next : p.open.firstKey();
      if (pos > p.committed) {
        out.put(tp, new OffsetAndMetadata(pos));
      }
    });
    return out;
  }

  /** Records that {@code offsets} were committed. */
  public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, o) -> {
      Progress p = partitions.get(tp);
      if (p != null) {
        p.committed = Math.max(p.committed, o.offset());
      }
    });
  }

  /** Forgets {@code tps}: their deliveries still waiting become unwanted and are skipped by the channels. */
  public synchronized void remove(Collection<TopicPartition> tps) {
    for (TopicPartition tp : tps) {
      Progress p = partitions.remove(tp);
      if (p != null) {
        p.removed = true;
      }
    }
  }

  /** Deliveries not done yet, over all partitions. */
  public synchronized int pending() {
    return partitions.values().stream().mapToInt(p -> p.open.values().stream().mapToInt(x -> x.left).sum()).sum();
  }

  private synchronized void finish(Pending pending) {
    if (--pending.left == 0) {
      pending.progress.open.remove(pending.offset);
    }
  }

  /** One partition's records in flight. */
  private static final class Progress {
    final TreeMap<Long, Pending> open = new TreeMap<>();
    long next = -1;
    long committed = -1;
    volatile boolean removed;
  }

  /** One record's deliveries not done yet. */
  public final class Pending {
    private final Progress progress;
    private final long offset;
    private int left;

    private Pending(Progress progress, long offset, int deliveries) {
      this.progress = progress;
      this.offset = offset;
      this.left = deliveries;
    }

    /** One delivery's ticket: its {@code done()} counts once, however often it is called. */
    public Delivery.Ticket ticket() {
      AtomicBoolean used = new AtomicBoolean();
      return new Delivery.Ticket() {
        @Override
        public void done() {
          if (used.compareAndSet(false, true) && !progress.removed) {
            finish(Pending.this);
          }
        }

        @Override
        public boolean wanted() {
          return !progress.removed;
        }
      };
    }
  }
}
