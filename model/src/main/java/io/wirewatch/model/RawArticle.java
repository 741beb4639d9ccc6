package io.wirewatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A page as the ingestor fetched it, before any cleaning: the value of {@code news.raw}.
 *
 * @param id          stable article id, {@link ArticleId#of(String)} of the canonical URL; also the record key
 * @param sourceId    id of the configured source (feed or page) that led to this page
 * @param url         canonical URL of the article
 * @param feedTitle   the entry's title as the feed gave it, or null when the page was not found through a feed
 * @param feedPublished the entry's publication time from the feed, or null
 * @param fetchedAt   when the page was fetched
 * @param contentType the media type the server declared, e.g. {@code text/html}
 * @param html        the page, decoded to text with the charset the fetcher settled on
 * @param contentHash SHA-256 of {@code html}, hex; a changed hash under the same id is an edited article
 * @param update      true when the feed item was emitted before and its content changed since (an edit)
 */
public record RawArticle(
    String id,
    String sourceId,
    String url,
    String feedTitle,
    Instant feedPublished,
    Instant fetchedAt,
    String contentType,
    String html,
    String contentHash,
    boolean update) {

  /** A first emission. */
  public RawArticle(String id, String sourceId, String url, String feedTitle, Instant feedPublished,
      Instant fetchedAt, String contentType, String html, String contentHash) {
    this(id, sourceId, url, feedTitle, feedPublished, fetchedAt, contentType, html, contentHash, false);
  }

  public RawArticle {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(html, "html");
    // The process stage tells repeats from edits by this hash; a producer that left it out still
    // gets exact-repeat detection instead of a new revision at every delivery.
    if (contentHash == null || contentHash.isBlank()) {
      contentHash = ArticleId.contentHash(html);
    }
  }
}
