package io.wirewatch.ingest.feed;

import java.net.URI;
import java.time.Instant;

/**
 * One item of a feed, as the ingestor uses it.
 *
 * @param guid        the entry's own id ({@code <guid>}, {@code <id>}), or null
 * @param title       title text, or null
 * @param link        canonical absolute URL of the article, or null when the entry has none usable
 * @param published   publication (else update) time, or null
 * @param author      author, or null
 * @param summary     description or content as the feed gives it (may be HTML), or null
 * @param linkProblem why the link the entry gives is unusable (the URL parser's reason), or null
 */
public record FeedEntry(String guid, String title, URI link, Instant published, String author, String summary,
    String linkProblem) {

  /** An entry whose link, if any, is usable. */
  public FeedEntry(String guid, String title, URI link, Instant published, String author, String summary) {
    this(guid, title, link, published, author, summary, null);
  }
}
