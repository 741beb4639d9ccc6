package io.wirewatch.ingest.dedup;

import io.wirewatch.ingest.feed.FeedEntry;
import io.wirewatch.model.ArticleId;
import java.net.URI;

/**
 * Who a feed item is, and what it says: the keys and hashes of {@code news.seen}, all spelled here.
 * Identity: the GUID (feeds promise it is stable), else the canonical link, else a hash of title
 * and date; an item with none of them cannot be recognised and gets null. The content hash covers
 * what an edit changes (title, link, summary), not the dates, which many feeds rewrite at every
 * build. The spellings are stored in {@code news.seen}: changing one re-emits every item once.
 */
public final class ItemIdentity {

  /**
   * The content hash of a page source's one item: a single article page is emitted once and never
   * as an update (its markup changes at every load, its story does not).
   */
  public static final String PAGE_HASH = "page";

  /** The content hash of an article found on an index page, which says nothing about its content. */
  public static final String NO_CONTENT_HASH = "-";

  private ItemIdentity() {}

  public static String idOf(FeedEntry e) {
    if (e.guid() != null && !e.guid().isBlank()) {
      return "guid:" + e.guid().trim();
    }
    if (e.link() != null) {
      return ofUrl(e.link());
    }
    if (e.title() != null) {
      return "hash:" + ArticleId.contentHash(e.title() + "\n" + e.published()).substring(0, 32);
    }
    return null;
  }

  /** The key of the item at canonical URL {@code url}: also how a page is recognised under a second id. */
  public static String ofUrl(URI url) {
    return "url:" + url;
  }

  public static String contentHashOf(FeedEntry e) {
    return ArticleId.contentHash(e.title() + "\n" + e.link() + "\n" + e.summary()).substring(0, 32);
  }
}
