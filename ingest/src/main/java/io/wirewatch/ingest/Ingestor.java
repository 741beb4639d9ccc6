package io.wirewatch.ingest;

import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.PageFetcher;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every source on its own schedule until closed. Each source is polled at most once at a
 * time (fixed delay, not fixed rate), so a slow server cannot pile up overlapping polls.
 */
public final class Ingestor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private final List<Source> sources;
  private final FeedPoller poller;
  private final IngestSink sink;
  private final Duration defaultInterval;
  private final ScheduledExecutorService scheduler;

  public Ingestor(List<Source> sources, FeedPoller poller, IngestSink sink, Duration defaultInterval, int threads) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources must not be empty");
    }
    this.sources = List.copyOf(sources);
    this.poller = poller;
    this.sink = sink;
    this.defaultInterval = defaultInterval;
    AtomicInteger n = new AtomicInteger();
    this.scheduler = Executors.newScheduledThreadPool(threads, r -> {
      Thread t = new Thread(r, "wirewatch-poller-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** An ingestor writing to Kafka at {@code bootstrapServers}, configured by {@code config}. */
  public static Ingestor toKafka(String bootstrapServers, IngestConfig config, Topics topics,
      List<Source> sources, Clock clock) {
    IngestSink sink = new KafkaIngestSink(KafkaIngestSink.producer(bootstrapServers, config.producer()), topics);
    PageFetcher fetcher = new PageFetcher(PageFetcher.defaultClient(config.fetch()), config.fetch());
    FeedPoller poller = new FeedPoller(fetcher, new FeedReader(), sink, config.seenMaxEntries(), clock);
    return new Ingestor(sources, poller, sink, config.pollInterval(), config.threads());
  }

  public void start() {
    for (Source s : sources) {
      long interval = (s.interval() == null ? defaultInterval : s.interval()).toMillis();
      // Up to 10 % jitter on the first poll spreads many sources' polls over the interval
      // instead of hitting every server in the same second at every tick.
      long firstDelay = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval / 10, 2_000)));
      scheduler.scheduleWithFixedDelay(() -> pollSafely(s), firstDelay, interval, TimeUnit.MILLISECONDS);
    }
    LOG.info("ingesting {} sources", sources.size());
  }

  private void pollSafely(Source s) {
    try {
      poller.poll(s);
      sink.flush();
    } catch (RuntimeException e) {
      // A throwing task would be silently descheduled by the executor: log and keep the schedule.
      LOG.error("poll of {} failed unexpectedly", s.id(), e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("pollers did not stop within 10s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.close();
  }
}
