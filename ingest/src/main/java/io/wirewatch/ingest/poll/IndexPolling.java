package io.wirewatch.ingest.poll;

import io.wirewatch.ingest.dedup.ItemIdentity;
import io.wirewatch.ingest.dedup.SeenItems.Verdict;
import io.wirewatch.ingest.feed.LinkDiscovery;
import io.wirewatch.ingest.fetch.FetchException;
import io.wirewatch.ingest.fetch.FetchedPage;
import io.wirewatch.ingest.fetch.Fetcher;
import io.wirewatch.model.Stage;
import java.net.URI;
import java.util.List;

/**
 * An index page ({@code html}): fetched conditionally, its same-site article links followed; an
 * article found there is emitted once, since an index says nothing about its content.
 */
final class IndexPolling implements PollStrategy {

  private final Fetcher fetcher;
  private final ArticlePages pages;

  IndexPolling(Fetcher fetcher, ArticlePages pages) {
    this.fetcher = fetcher;
    this.pages = pages;
  }

  @Override
  public void poll(Poll poll, SourceState state) {
    URI url = poll.source().url();
    FetchedPage page;
    try {
      page = fetcher.fetch(url, state.validators);
      poll.httpStatus = page.status();
      poll.bytes += page.wireBytes();
      poll.maxAge = page.maxAge();
      state.validators = page.validators();
    } catch (FetchException e) {
      poll.httpStatus = e.status();
      poll.retryAfter = e.retryAfter();
      poll.sourceFailed(Stage.INGEST_FEED, url.toString(), e, pages.now());
      return;
    }
    if (page.notModified()) {
      return;
    }
    List<URI> links = LinkDiscovery.articleLinks(page.text(), page.finalUrl());
    poll.entries = links.size();
    for (URI link : links) {
      String itemId = ItemIdentity.ofUrl(link);
      if (pages.seen().check(poll.sourceId(), itemId, ItemIdentity.NO_CONTENT_HASH) == Verdict.SEEN) {
        poll.seenCount++;
        continue;
      }
      pages.fetchAndEmit(poll, link, null, null, itemId, ItemIdentity.NO_CONTENT_HASH, false, null);
    }
  }
}
