package io.wirewatch.ingest.poll;

import io.wirewatch.ingest.dedup.ItemIdentity;
import io.wirewatch.ingest.dedup.SeenItems.Verdict;

/** A single article page ({@code page}): fetched and emitted once, never again. */
final class PagePolling implements PollStrategy {

  private final ArticlePages pages;

  PagePolling(ArticlePages pages) {
    this.pages = pages;
  }

  @Override
  public void poll(Poll poll, SourceState state) {
    String itemId = ItemIdentity.ofUrl(poll.source().url());
    poll.entries = 1;
    if (pages.seen().check(poll.sourceId(), itemId, ItemIdentity.PAGE_HASH) == Verdict.SEEN) {
      poll.seenCount++;
      return;
    }
    pages.fetchAndEmit(poll, poll.source().url(), null, null, itemId, ItemIdentity.PAGE_HASH, false, null);
  }
}
