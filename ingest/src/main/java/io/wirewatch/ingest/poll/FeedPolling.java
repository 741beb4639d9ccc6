package io.wirewatch.ingest.poll;

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
import io.wirewatch.ingest.fetch.HtmlSniffer;
import io.wirewatch.ingest.fetch.Validators;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Stage;
import java.net.URI;

/**
 * A feed source ({@code feed}, and {@code auto}, whose feed is found on its page first): fetched
 * conditionally, parsed, and each entry judged new, edited or already emitted; the article pages
 * of new and edited entries are fetched, unless the feed carries the full text.
 */
final class FeedPolling implements PollStrategy {

  private final Fetcher fetcher;
  private final FeedReader reader;
  private final ArticlePages pages;
  private final int fullContentChars;

  FeedPolling(Fetcher fetcher, FeedReader reader, ArticlePages pages, int fullContentChars) {
    this.fetcher = fetcher;
    this.reader = reader;
    this.pages = pages;
    this.fullContentChars = fullContentChars;
  }

  @Override
  public void poll(Poll poll, SourceState state) {
    Source source = poll.source();
    URI feedUrl = source.type() == Source.Type.AUTO && state.discoveredFeed != null ? state.discoveredFeed : source.url();
    ParsedFeed feed;
    try {
      FetchedPage page = fetch(poll, state, feedUrl, state.validators);
      poll.maxAge = page.maxAge();
      if (page.notModified()) {
        return; // the whole point of a conditional GET: no parsing, no entries
      }
      if (source.type() == Source.Type.AUTO && state.discoveredFeed == null && HtmlSniffer.isHtml(page)) {
        URI found = LinkDiscovery.feedLink(page.text(), page.finalUrl());
        if (found == null) {
          throw new FeedParseException(feedUrl, "no <link rel=\"alternate\"> feed on the page", null);
        }
        state.discoveredFeed = found;
        state.validators = Validators.NONE;
        page = fetch(poll, state, found, Validators.NONE);
      }
      feed = reader.readFeed(page.body(), page.contentType(), page.finalUrl());
      poll.ttl = feed.ttl();
    } catch (FetchException e) {
      poll.httpStatus = e.status();
      poll.retryAfter = e.retryAfter();
      poll.sourceFailed(Stage.INGEST_FEED, source.url().toString(), e, pages.now());
      return;
    } catch (FeedParseException e) {
      // An unreadable body must be fetched whole next time, not answered with 304.
      state.validators = Validators.NONE;
      poll.sourceFailed(Stage.INGEST_FEED, source.url().toString(), e, pages.now());
      return;
    }
    poll.entries = feed.entries().size();
    for (FeedEntry entry : feed.entries()) {
      entry(poll, entry);
    }
  }

  private FetchedPage fetch(Poll poll, SourceState state, URI url, Validators validators) throws FetchException {
    FetchedPage page = fetcher.fetch(url, validators);
    poll.httpStatus = page.status();
    poll.bytes += page.wireBytes();
    state.validators = page.validators();
    return page;
  }

  private void entry(Poll poll, FeedEntry entry) {
    String sourceId = poll.sourceId();
    String itemId = ItemIdentity.idOf(entry);
    if (entry.link() == null || itemId == null) {
      String subject = poll.source().url().toString();
      poll.deadLetter(subject, new DeadLetter(Stage.INGEST_ENTRY,
          entry.linkProblem() == null ? "feed entry has no usable link"
              : "feed entry has no usable link: " + entry.linkProblem(), null, subject,
          "guid=" + entry.guid() + " title=" + entry.title(), pages.now()));
      return;
    }
    SeenItems seen = pages.seen();
    String hash = ItemIdentity.contentHashOf(entry);
    Verdict verdict = seen.check(sourceId, itemId, hash);
    String urlKey = ItemIdentity.ofUrl(entry.link());
    if (verdict == Verdict.NEW && !urlKey.equals(itemId) && seen.hashOf(sourceId, urlKey) != null) {
      // A new id for a page this source already emitted (a re-published item, a second spelling).
      pages.remember(poll, itemId, hash);
      poll.seenCount++;
      return;
    }
    if (verdict == Verdict.SEEN) {
      poll.seenCount++;
      return;
    }
    boolean update = verdict == Verdict.UPDATED;
    if (entry.summary() != null && entry.summary().length() >= fullContentChars) {
      pages.emit(poll, entry.link(), entry.title(), entry.published(), "text/html", entry.summary(), update);
      pages.remember(poll, itemId, hash);
      pages.remember(poll, urlKey, hash);
      return;
    }
    pages.fetchAndEmit(poll, entry.link(), entry.title(), entry.published(), itemId, hash, update, urlKey);
  }
}
