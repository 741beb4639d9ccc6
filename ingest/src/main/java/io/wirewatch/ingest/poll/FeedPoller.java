package io.wirewatch.ingest.poll;

import io.wirewatch.ingest.IngestSink;
import io.wirewatch.ingest.dedup.SeenItems;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.Fetcher;
import io.wirewatch.ingest.fetch.RobotsPolicy;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.Stage;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one source once, with the strategy of its type ({@link FeedPolling}, {@link PagePolling},
 * {@link IndexPolling}), and returns the whole {@link Poll}: what it found, the records to write and
 * its status. Every failure becomes a dead letter naming the source and URL; one bad entry never
 * stops the others, and a bug on hostile input costs that poll only.
 */
public final class FeedPoller {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  private final IngestSink sink;
  private final int unhealthyAfter;
  private final Clock clock;
  private final PollStrategy feeds;
  private final PollStrategy pages;
  private final PollStrategy indexes;

  /**
   * @param fullContentChars an entry whose content in the feed is at least this long is taken
   *                         from the feed instead of fetching its page
   * @param unhealthyAfter   consecutive failures after which the status says unhealthy
   */
  public FeedPoller(Fetcher fetcher, FeedReader feedReader, IngestSink sink, SeenItems seen, RobotsPolicy robots,
      int fullContentChars, int unhealthyAfter, Clock clock) {
    this.sink = sink;
    this.unhealthyAfter = unhealthyAfter;
    this.clock = clock;
    ArticlePages articlePages = new ArticlePages(fetcher, robots, seen, clock);
    this.feeds = new FeedPolling(fetcher, feedReader, articlePages, fullContentChars);
    this.pages = new PagePolling(articlePages);
    this.indexes = new IndexPolling(fetcher, articlePages);
  }

  /** A poller with an in-memory seen-set, no robots.txt and the default thresholds: for tests and tools. */
  public FeedPoller(Fetcher fetcher, FeedReader feedReader, IngestSink sink, Clock clock) {
    this(fetcher, feedReader, sink, new SeenItems(), RobotsPolicy.IGNORE, Integer.MAX_VALUE, 5, clock);
  }

  /** Polls and publishes at once, with no state kept between calls but the seen-set. */
  public Poll poll(Source source) {
    Poll p = poll(source, new SourceState());
    publish(p);
    return p;
  }

  /** Polls {@code source} once; nothing is published until {@link #publish}. */
  public Poll poll(Source source, SourceState state) {
    Poll poll = new Poll(source, clock.instant());
    try {
      strategy(source.type()).poll(poll, state);
    } catch (RuntimeException e) {
      // A parser bug on hostile input must cost this poll only, with a record saying so.
      poll.sourceFailed(Stage.INGEST_FEED, source.url().toString(), e, clock.instant());
    }
    state.consecutiveFailures = poll.failedPoll() ? state.consecutiveFailures + 1 : 0;
    poll.finish(state, unhealthyAfter);
    if (!poll.failedPoll()) {
      LOG.debug("polled {}: status {}, {} entries, {} emitted, {} failed", source.id(), poll.httpStatus,
          poll.entries(), poll.emitted(), poll.failed());
    }
    return poll;
  }

  private PollStrategy strategy(Source.Type type) {
    return switch (type) {
      case FEED, AUTO -> feeds;
      case PAGE -> pages;
      case HTML -> indexes;
    };
  }

  /** Hands a poll to the sink: a separate step so the scheduler can set its nextPollAt first. */
  public void publish(Poll poll) {
    sink.publish(poll);
  }
}
