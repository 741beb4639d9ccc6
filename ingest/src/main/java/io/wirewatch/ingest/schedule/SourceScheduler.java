package io.wirewatch.ingest.schedule;

import io.wirewatch.ingest.poll.FeedPoller;
import io.wirewatch.ingest.poll.Poll;
import io.wirewatch.ingest.poll.SourceState;
import io.wirewatch.ingest.source.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each active source's polls on its own timetable: one poll at a time per source, the next
 * one planned by {@link PollPlanner} from the outcome. Sources come and go as partitions are
 * assigned and revoked; removing a source waits for its running poll so that its output is handed
 * over before another instance takes the source.
 */
public final class SourceScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SourceScheduler.class);

  private final FeedPoller poller;
  private final PollPlanner planner;
  private final Duration defaultInterval;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();

  public SourceScheduler(FeedPoller poller, PollPlanner planner, Duration defaultInterval, int threads, Clock clock) {
    this.poller = poller;
    this.planner = planner;
    this.defaultInterval = defaultInterval;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(threads, r -> {
      Thread t = new Thread(r, "wirewatch-poller-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  private final class Task implements Runnable {
    volatile Source source;
    final int partition;
    final SourceState state;
    volatile boolean cancelled;
    ScheduledFuture<?> future;

    Task(Source source, int partition, SourceState state) {
      this.source = source;
      this.partition = partition;
      this.state = state;
    }

    @Override
    public synchronized void run() {
      if (cancelled) {
        return;
      }
      Source s = source;
      Duration interval = s.interval() == null ? defaultInterval : s.interval();
      Duration next;
      try {
        Poll p = poller.poll(s, state);
        next = p.failedPoll()
            ? planner.afterFailure(interval, state.consecutiveFailures(), p.retryAfter())
            : planner.afterSuccess(interval, p.maxAge(), p.ttl());
        p.nextPollAt(clock.instant().plus(next));
        poller.publish(p);
        if (p.emitted() > 0 || p.failedPoll()) {
          LOG.info("polled {}: status {}, {} entries, {} new, {} updated, {} failed{}; next in {}s", s.id(),
              p.status().httpStatus(), p.entries(), p.status().itemsNew(), p.status().itemsUpdated(), p.failed(),
              p.failedPoll() ? " (" + p.error() + ")" : "", next.toSeconds());
        }
      } catch (RuntimeException e) {
        // A throwing task would silently stop being scheduled: log, and try again after the interval.
        LOG.error("poll of {} failed unexpectedly", s.id(), e);
        next = interval;
      }
      if (!cancelled) {
        future = executor.schedule(this, next.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    void cancel() {
      cancelled = true;
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
      synchronized (this) {
        // waits for a running poll to finish and publish
      }
    }
  }

  /** Starts polling {@code source}, or updates its definition when it is already polled. */
  public void upsert(Source source, int partition, SourceState state) {
    Task existing = tasks.get(source.id());
    if (existing != null && existing.partition == partition) {
      existing.source = source;
      return;
    }
    if (existing != null) {
      existing.cancel();
    }
    Task t = new Task(source, partition, state);
    tasks.put(source.id(), t);
    Duration interval = source.interval() == null ? defaultInterval : source.interval();
    long delay;
    Instant now = clock.instant();
    if (state.nextPollAt() != null && state.nextPollAt().isAfter(now)) {
      // Resume the previous owner's plan (back-off, Retry-After), never beyond one interval.
      delay = Math.min(Duration.between(now, state.nextPollAt()).toMillis(), interval.toMillis());
    } else {
      // Spread the first polls of many sources instead of firing them all at once.
      delay = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval.toMillis() / 10, 2_000)));
    }
    synchronized (t) {
      t.future = executor.schedule(t, delay, TimeUnit.MILLISECONDS);
    }
  }

  public void remove(String sourceId) {
    Task t = tasks.remove(sourceId);
    if (t != null) {
      t.cancel();
    }
  }

  /** Stops every source of {@code partitions}; returns their ids. */
  public List<String> removePartitions(Set<Integer> partitions) {
    List<String> removed = new ArrayList<>();
    for (Map.Entry<String, Task> e : List.copyOf(tasks.entrySet())) {
      if (partitions.contains(e.getValue().partition)) {
        remove(e.getKey());
        removed.add(e.getKey());
      }
    }
    return removed;
  }

  public Set<String> active() {
    return Set.copyOf(tasks.keySet());
  }

  @Override
  public void close() {
    for (String id : List.copyOf(tasks.keySet())) {
      Task t = tasks.remove(id);
      if (t != null) {
        t.cancelled = true;
        if (t.future != null) {
          t.future.cancel(false);
        }
      }
    }
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
        LOG.warn("pollers did not stop within 15s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
