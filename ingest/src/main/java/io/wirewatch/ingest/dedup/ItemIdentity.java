package io.wirewatch.ingest.dedup;

import io.wirewatch.ingest.feed.FeedEntry;
import io.wirewatch.model.ArticleId;

/**
 * Who a feed item is, and what it says. Identity: the GUID (feeds promise it is stable), else the
 * canonical link, else a hash of title and date; an item with none of them cannot be recognised
 * and gets null. The content hash covers what an edit changes (title, link, summary), not the
 * dates, which many feeds rewrite at every build.
 */
public final class ItemIdentity {

  private ItemIdentity() {}

  public static String idOf(FeedEntry e) {
    if (e.guid() != null && !e.guid().isBlank()) {
      return "guid:" + e.guid().trim();
    }
    if (e.link() != null) {
      return "url:" + e.link();
    }
    if (e.title() != null) {
      return "hash:" + ArticleId.contentHash(e.title() + "\n" + e.published()).substring(0, 32);
    }
    return null;
  }

  public static String contentHashOf(FeedEntry e) {
    return ArticleId.contentHash(e.title() + "\n" + e.link() + "\n" + e.summary()).substring(0, 32);
  }
}
