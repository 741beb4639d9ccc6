/**
 * Reading feeds and the links of HTML pages.
 *
 * <p>{@link io.wirewatch.ingest.feed.FeedReader} turns a feed's bytes into
 * {@link io.wirewatch.ingest.feed.FeedEntry}s in three steps: {@code FeedText} (charset, prolog,
 * an HTML page refused), {@code RomeParser} (Rome on the hardened parser of
 * {@code SecureFeedInput}, the healer retry, refusals, and {@code LenientFeedParser} for
 * well-formed XML Rome cannot map) and {@code EntryMapper} (titles, links, guids, dates as the
 * feed wrote them, with {@code XmlBase} and {@code TitleMarkup}).
 * {@link io.wirewatch.ingest.feed.LinkDiscovery} finds a page's feed and an index page's article
 * links.
 *
 * <p>This package decides: what a feed says (its entries and hints), what counts as a feed, and
 * what is refused (entity bombs, outside resources, XML that is no feed), always with a reason.
 * An entry whose link is unusable keeps the URL parser's reason in {@code linkProblem}.
 *
 * <p>It must not: fetch anything (it gets bytes), read anything outside the document (no DTD, no
 * external entity), or decide whether an entry was seen before.
 */
package io.wirewatch.ingest.feed;
