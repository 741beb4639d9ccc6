package io.wirewatch.ingest;

import io.wirewatch.ingest.feed.FeedEntry;
import io.wirewatch.ingest.feed.FeedParseException;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.FetchException;
import io.wirewatch.ingest.fetch.FetchedPage;
import io.wirewatch.ingest.fetch.HtmlPage;
import io.wirewatch.ingest.fetch.PageFetcher;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one source once: fetches it, reads its entries, fetches each new entry's article page and
 * hands a {@link RawArticle} to the sink. Every failure becomes a dead letter naming the source and
 * URL; one bad entry never stops the others.
 */
public final class FeedPoller {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  private final PageFetcher fetcher;
  private final FeedReader feedReader;
  private final IngestSink sink;
  private final SeenEntries seen;
  private final Clock clock;

  public FeedPoller(PageFetcher fetcher, FeedReader feedReader, IngestSink sink, int seenMaxEntries, Clock clock) {
    this.fetcher = fetcher;
    this.feedReader = feedReader;
    this.sink = sink;
    this.seen = new SeenEntries(seenMaxEntries);
    this.clock = clock;
  }

  public PollReport poll(Source source) {
    return switch (source.type()) {
      case FEED -> pollFeed(source);
      case HTML -> pollPage(source);
    };
  }

  private PollReport pollFeed(Source source) {
    List<FeedEntry> entries;
    try {
      FetchedPage page = fetcher.fetch(source.url());
      entries = feedReader.read(page.body(), page.contentType(), page.finalUrl());
    } catch (FetchException | FeedParseException | RuntimeException e) {
      fail("ingest.feed", source.url().toString(), e);
      return new PollReport(source.id(), 0, 0, 1);
    }
    int emitted = 0;
    int failed = 0;
    for (FeedEntry entry : entries) {
      if (entry.link() == null) {
        sink.deadLetter(source.url().toString(), new DeadLetter("ingest.entry",
            "feed entry has no usable link", null, source.url().toString(),
            "guid=" + entry.guid() + " title=" + entry.title(), clock.instant()));
        failed++;
        continue;
      }
      String key = entry.link().toString();
      if (!seen.add(key)) {
        continue;
      }
      if (fetchArticle(source, entry.link(), entry.title(), entry.published())) {
        emitted++;
      } else {
        seen.forget(key);
        failed++;
      }
    }
    LOG.info("polled {}: {} entries, {} new, {} failed", source.id(), entries.size(), emitted, failed);
    return new PollReport(source.id(), entries.size(), emitted, failed);
  }

  private PollReport pollPage(Source source) {
    String key = source.url().toString();
    if (!seen.add(key)) {
      return new PollReport(source.id(), 1, 0, 0);
    }
    boolean ok = fetchArticle(source, source.url(), null, null);
    if (!ok) {
      seen.forget(key);
    }
    return new PollReport(source.id(), 1, ok ? 1 : 0, ok ? 0 : 1);
  }

  private boolean fetchArticle(Source source, URI link, String feedTitle, Instant feedPublished) {
    try {
      FetchedPage page = fetcher.fetch(link);
      HtmlPage html = HtmlPage.decode(page);
      String url = html.canonicalUrl().toString();
      sink.article(new RawArticle(ArticleId.of(url), source.id(), url, feedTitle, feedPublished,
          clock.instant(), page.mediaType(), html.html(), ArticleId.contentHash(html.html())));
      return true;
    } catch (FetchException | IOException | RuntimeException e) {
      fail("ingest.page", link.toString(), e);
      return false;
    }
  }

  private void fail(String stage, String subject, Exception e) {
    LOG.warn("{} failed for {}: {}", stage, subject, e.getMessage());
    sink.deadLetter(subject, DeadLetter.of(stage, subject, e, null, clock.instant()));
  }
}
