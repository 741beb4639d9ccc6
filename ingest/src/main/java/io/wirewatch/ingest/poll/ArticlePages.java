package io.wirewatch.ingest.poll;

import io.wirewatch.ingest.dedup.SeenItems;
import io.wirewatch.ingest.fetch.FetchException;
import io.wirewatch.ingest.fetch.FetchedPage;
import io.wirewatch.ingest.fetch.Fetcher;
import io.wirewatch.ingest.fetch.HtmlPage;
import io.wirewatch.ingest.fetch.RobotsPolicy;
import io.wirewatch.ingest.fetch.Validators;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.Stage;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/**
 * What every strategy does with an item it decided to emit: fetch its article page (robots.txt
 * permitting), emit it under the page's canonical URL, and mark it seen so that it is not emitted
 * again, reversibly until the poll's transaction commits.
 */
final class ArticlePages {

  private final Fetcher fetcher;
  private final RobotsPolicy robots;
  private final SeenItems seen;
  private final Clock clock;

  ArticlePages(Fetcher fetcher, RobotsPolicy robots, SeenItems seen, Clock clock) {
    this.fetcher = fetcher;
    this.robots = robots;
    this.seen = seen;
    this.clock = clock;
  }

  SeenItems seen() {
    return seen;
  }

  Instant now() {
    return clock.instant();
  }

  /**
   * Fetches {@code link} and emits it; on success marks {@code itemId} (and {@code urlKey}, when
   * not null) seen with {@code hash}. A failure is the poll's own when the source is a page, else
   * a dead letter for that page alone.
   */
  void fetchAndEmit(Poll poll, URI link, String title, Instant published, String itemId, String hash,
      boolean update, String urlKey) {
    boolean pageSource = poll.source().type() == Source.Type.PAGE;
    if (!robots.allowed(link)) {
      poll.deadLetter(link.toString(), new DeadLetter(Stage.INGEST_PAGE, "disallowed by robots.txt", null,
          link.toString(), null, clock.instant()));
      return;
    }
    try {
      FetchedPage page = fetcher.fetch(link, Validators.NONE);
      if (pageSource) {
        poll.httpStatus = page.status();
        poll.bytes += page.wireBytes();
      }
      // RawArticle.url is decided here, once: the page's own canonical URL (HtmlPage says which).
      HtmlPage html = HtmlPage.decode(page);
      emit(poll, html.canonicalUrl(), title, published, page.mediaType(), html.html(), update);
      remember(poll, itemId, hash);
      if (urlKey != null) {
        remember(poll, urlKey, hash);
      }
    } catch (FetchException | IOException | RuntimeException e) {
      if (pageSource) {
        poll.httpStatus = e instanceof FetchException fe ? fe.status() : 0;
        poll.sourceFailed(Stage.INGEST_PAGE, link.toString(), e, clock.instant());
      } else {
        poll.pageFailed(link.toString(), e, clock.instant());
      }
    }
  }

  void emit(Poll poll, URI url, String title, Instant published, String mediaType, String html, boolean update) {
    String u = url.toString();
    poll.article(new RawArticle(ArticleId.of(u), poll.sourceId(), u, title, published, clock.instant(), mediaType,
        html, ArticleId.contentHash(html), update));
  }

  /** Marks an item seen now (so a second listing in the same poll is skipped) and in the poll. */
  void remember(Poll poll, String itemId, String hash) {
    String sourceId = poll.sourceId();
    String previous = seen.hashOf(sourceId, itemId);
    seen.put(sourceId, itemId, hash);
    poll.seen(new SeenItem(sourceId, itemId, hash, clock.instant()), () -> seen.forget(sourceId, itemId, previous));
  }
}
