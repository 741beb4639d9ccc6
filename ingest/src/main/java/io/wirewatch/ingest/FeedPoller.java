package io.wirewatch.ingest;

import io.wirewatch.ingest.dedup.ItemIdentity;
import io.wirewatch.ingest.dedup.SeenItems;
import io.wirewatch.ingest.dedup.SeenItems.Verdict;
import io.wirewatch.ingest.feed.FeedEntry;
import io.wirewatch.ingest.feed.FeedParseException;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.feed.FeedReader.ParsedFeed;
import io.wirewatch.ingest.feed.LinkDiscovery;
import io.wirewatch.ingest.fetch.FetchException;
import io.wirewatch.ingest.fetch.FetchedPage;
import io.wirewatch.ingest.fetch.Fetcher;
import io.wirewatch.ingest.fetch.HtmlPage;
import io.wirewatch.ingest.fetch.HtmlSniffer;
import io.wirewatch.ingest.fetch.RobotsPolicy;
import io.wirewatch.ingest.fetch.Validators;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Stage;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceStatus;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one source once: fetches it (conditionally), reads its entries, decides for each entry
 * whether it is new, edited or already emitted, fetches the article page of the new and edited
 * ones, and hands the whole poll to the sink as one {@link PollBatch} with its status record.
 * Every failure becomes a dead letter naming the source and URL; one bad entry never stops the
 * others.
 */
public final class FeedPoller {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  private final Fetcher fetcher;
  private final FeedReader feedReader;
  private final IngestSink sink;
  private final SeenItems seen;
  private final RobotsPolicy robots;
  private final int fullContentChars;
  private final int unhealthyAfter;
  private final Clock clock;

  /**
   * @param fullContentChars an entry whose content in the feed is at least this long is taken
   *                         from the feed instead of fetching its page
   * @param unhealthyAfter   consecutive failures after which the status says unhealthy
   */
  public FeedPoller(Fetcher fetcher, FeedReader feedReader, IngestSink sink, SeenItems seen, RobotsPolicy robots,
      int fullContentChars, int unhealthyAfter, Clock clock) {
    this.fetcher = fetcher;
    this.feedReader = feedReader;
    this.sink = sink;
    this.seen = seen;
    this.robots = robots;
    this.fullContentChars = fullContentChars;
    this.unhealthyAfter = unhealthyAfter;
    this.clock = clock;
  }

  /** A poller with an in-memory seen-set, no robots.txt and the default thresholds: for tests and tools. */
  public FeedPoller(Fetcher fetcher, FeedReader feedReader, IngestSink sink, Clock clock) {
    this(fetcher, feedReader, sink, new SeenItems(), RobotsPolicy.IGNORE, Integer.MAX_VALUE, 5, clock);
  }

  /** Polls and publishes at once, with no state kept between calls but the seen-set. */
  public PollReport poll(Source source) {
    PollOutcome o = poll(source, new SourceState());
    publish(o.batch());
    return o.report();
  }

  public PollOutcome poll(Source source, SourceState state) {
    Instant start = clock.instant();
    long t0 = System.nanoTime();
    PollBatch batch = new PollBatch();
    Work w = new Work(source, state, batch);
    try {
      switch (source.type()) {
        case FEED, AUTO -> pollFeed(w);
        case PAGE -> pollPage(w, source.url(), null, null, "url:" + source.url(), "page");
        case HTML -> pollIndex(w);
      }
    } catch (RuntimeException e) {
      // A parser bug on hostile input must cost this poll only, with a record saying so.
      w.fail(Stage.INGEST_FEED, source.url().toString(), e);
    }
    if (w.error != null) {
      state.consecutiveFailures++;
    } else {
      state.consecutiveFailures = 0;
    }
    SourceStatus status = new SourceStatus(source.id(), start, source.url().toString(), w.httpStatus, w.emitted,
        w.updated, w.seenCount, w.bytes, (System.nanoTime() - t0) / 1_000_000, w.error,
        state.consecutiveFailures, state.consecutiveFailures < unhealthyAfter,
        state.validators.etag(), state.validators.lastModified(), null);
    batch.status = status;
    List<Runnable> undo = w.undo;
    batch.onAbort = () -> undo.forEach(Runnable::run);
    PollReport report = new PollReport(source.id(), w.entries, w.emitted + w.updated, w.failed);
    if (w.error == null) {
      LOG.debug("polled {}: status {}, {} entries, {} new, {} updated, {} failed", source.id(), w.httpStatus,
          w.entries, w.emitted, w.updated, w.failed);
    }
    return new PollOutcome(report, status, w.maxAge, w.ttl, w.retryAfter, batch);
  }

  /** Hands a poll's batch to the sink: a separate step so the scheduler can fill in nextPollAt first. */
  public void publish(PollBatch batch) {
    sink.publish(batch);
  }

  private void pollFeed(Work w) {
    Source source = w.source;
    URI feedUrl = source.type() == Source.Type.AUTO && w.state.discoveredFeed != null
        ? w.state.discoveredFeed : source.url();
    FetchedPage page;
    ParsedFeed feed;
    try {
      page = fetcher.fetch(feedUrl, w.state.validators);
      w.httpStatus = page.status();
      w.bytes += page.wireBytes();
      w.maxAge = page.maxAge();
      w.state.validators = page.validators();
      if (page.notModified()) {
        return; // the whole point of a conditional GET: no parsing, no entries
      }
      if (source.type() == Source.Type.AUTO && w.state.discoveredFeed == null && HtmlSniffer.isHtml(page)) {
        URI found = LinkDiscovery.feedLink(page.text(), page.finalUrl());
        if (found == null) {
          throw new FeedParseException(feedUrl, "no <link rel=\"alternate\"> feed on the page", null);
        }
        w.state.discoveredFeed = found;
        w.state.validators = Validators.NONE;
        page = fetcher.fetch(found, Validators.NONE);
        w.httpStatus = page.status();
        w.bytes += page.wireBytes();
        w.state.validators = page.validators();
      }
      feed = feedReader.readFeed(page.body(), page.contentType(), page.finalUrl());
      w.ttl = feed.ttl();
    } catch (FetchException e) {
      w.httpStatus = e.status();
      w.retryAfter = e.retryAfter();
      w.fail(Stage.INGEST_FEED, source.url().toString(), e);
      return;
    } catch (FeedParseException e) {
      // An unreadable body must be fetched whole next time, not answered with 304.
      w.state.validators = Validators.NONE;
      w.fail(Stage.INGEST_FEED, source.url().toString(), e);
      return;
    }
    w.entries = feed.entries().size();
    for (FeedEntry entry : feed.entries()) {
      handleEntry(w, entry);
    }
  }

  private void handleEntry(Work w, FeedEntry entry) {
    String sourceId = w.source.id();
    String itemId = ItemIdentity.idOf(entry);
    if (entry.link() == null || itemId == null) {
      w.batch.deadLetter(w.source.url().toString(), new DeadLetter(Stage.INGEST_ENTRY,
          entry.linkProblem() == null ? "feed entry has no usable link"
              : "feed entry has no usable link: " + entry.linkProblem(), null, w.source.url().toString(),
          "guid=" + entry.guid() + " title=" + entry.title(), clock.instant()));
      w.failed++;
      return;
    }
    String hash = ItemIdentity.contentHashOf(entry);
    Verdict verdict = seen.check(sourceId, itemId, hash);
    String urlKey = "url:" + entry.link();
    if (verdict == Verdict.NEW && !urlKey.equals(itemId) && seen.hashOf(sourceId, urlKey) != null) {
      // A new id for a page this source already emitted (a re-published item, a second spelling).
      remember(w, itemId, hash);
      w.seenCount++;
      return;
    }
    if (verdict == Verdict.SEEN) {
      w.seenCount++;
      return;
    }
    if (entry.summary() != null && entry.summary().length() >= fullContentChars) {
      emit(w, entry.link(), entry.title(), entry.published(), "text/html", entry.summary(),
          verdict == Verdict.UPDATED);
      remember(w, itemId, hash);
      remember(w, urlKey, hash);
      return;
    }
    pollPage(w, entry.link(), entry.title(), entry.published(), itemId, hash, verdict == Verdict.UPDATED, urlKey);
  }

  private void pollPage(Work w, URI link, String title, Instant published, String itemId, String hash) {
    Verdict verdict = seen.check(w.source.id(), itemId, hash);
    w.entries = Math.max(w.entries, 1);
    if (verdict == Verdict.SEEN) {
      w.seenCount++;
      return;
    }
    pollPage(w, link, title, published, itemId, hash, false, null);
  }

  private void pollPage(Work w, URI link, String title, Instant published, String itemId, String hash,
      boolean update, String urlKey) {
    if (!robots.allowed(link)) {
      w.batch.deadLetter(link.toString(), new DeadLetter(Stage.INGEST_PAGE, "disallowed by robots.txt",
          null, link.toString(), null, clock.instant()));
      w.failed++;
      return;
    }
    try {
      FetchedPage page = fetcher.fetch(link, Validators.NONE);
      if (w.source.type() == Source.Type.PAGE) {
        w.httpStatus = page.status();
        w.bytes += page.wireBytes();
      }
      HtmlPage html = HtmlPage.decode(page);
      emit(w, html.canonicalUrl(), title, published, page.mediaType(), html.html(), update);
      remember(w, itemId, hash);
      if (urlKey != null) {
        remember(w, urlKey, hash);
      }
    } catch (FetchException | IOException | RuntimeException e) {
      if (w.source.type() == Source.Type.PAGE) {
        w.httpStatus = e instanceof FetchException fe ? fe.status() : 0;
        w.fail(Stage.INGEST_PAGE, link.toString(), e);
      } else {
        w.pageFailed(link.toString(), e);
      }
    }
  }

  private void pollIndex(Work w) {
    FetchedPage page;
    try {
      page = fetcher.fetch(w.source.url(), w.state.validators);
      w.httpStatus = page.status();
      w.bytes += page.wireBytes();
      w.maxAge = page.maxAge();
      w.state.validators = page.validators();
    } catch (FetchException e) {
      w.httpStatus = e.status();
      w.retryAfter = e.retryAfter();
      w.fail(Stage.INGEST_FEED, w.source.url().toString(), e);
      return;
    }
    if (page.notModified()) {
      return;
    }
    List<URI> links = LinkDiscovery.articleLinks(page.text(), page.finalUrl());
    w.entries = links.size();
    for (URI link : links) {
      String itemId = "url:" + link;
      if (seen.check(w.source.id(), itemId, "-") == Verdict.SEEN) {
        w.seenCount++;
        continue;
      }
      // An index gives no content to compare: an article found there is emitted once.
      pollPage(w, link, null, null, itemId, "-", false, null);
    }
  }

  private void emit(Work w, URI url, String title, Instant published, String mediaType, String html, boolean update) {
    String u = url.toString();
    w.batch.articles.add(new RawArticle(ArticleId.of(u), w.source.id(), u, title, published, clock.instant(),
        mediaType, html, ArticleId.contentHash(html), update));
    if (update) {
      w.updated++;
    } else {
      w.emitted++;
    }
  }

  /** Marks an item seen now (so a second listing in the same poll is skipped) and in the batch. */
  private void remember(Work w, String itemId, String hash) {
    String sourceId = w.source.id();
    String previous = seen.hashOf(sourceId, itemId);
    seen.put(sourceId, itemId, hash);
    w.undo.add(() -> seen.forget(sourceId, itemId, previous));
    w.batch.seen.add(new SeenItem(sourceId, itemId, hash, clock.instant()));
  }

  /** The running tally of one poll. */
  private final class Work {
    final Source source;
    final SourceState state;
    final PollBatch batch;
    final List<Runnable> undo = new ArrayList<>();
    int httpStatus;
    int entries;
    int emitted;
    int updated;
    int seenCount;
    int failed;
    long bytes;
    String error;
    Duration maxAge;
    Duration ttl;
    Duration retryAfter;

    Work(Source source, SourceState state, PollBatch batch) {
      this.source = source;
      this.state = state;
      this.batch = batch;
    }

    /** The source itself failed: the poll's error, and a dead letter. */
    void fail(Stage stage, String subject, Exception e) {
      LOG.warn("{} failed for {}: {}", stage, subject, e.getMessage());
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      failed++;
      batch.deadLetter(subject, DeadLetter.of(stage, subject, e, null, clock.instant()));
    }

    /** One article page failed: a dead letter; the poll itself still succeeded. */
    void pageFailed(String subject, Exception e) {
      LOG.warn("ingest.page failed for {}: {}", subject, e.getMessage());
      failed++;
      batch.deadLetter(subject, DeadLetter.of(Stage.INGEST_PAGE, subject, e, null, clock.instant()));
    }
  }
}
