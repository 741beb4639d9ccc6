package io.wirewatch.ingest.source;

import io.wirewatch.model.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Something to poll: a feed, an index page whose article links are followed, a single article
 * page, or a site page whose feed is discovered.
 *
 * @param id       short stable name, used in records and logs
 * @param url      absolute {@code http}, {@code https} or {@code file} URL
 * @param type     how to read what the URL returns
 * @param interval time between polls, or null for the configured default
 */
public record Source(String id, URI url, Type type, Duration interval) {

  /** The form stored in {@code news.sources}. */
  public io.wirewatch.model.SourceDefinition toDefinition() {
    return new io.wirewatch.model.SourceDefinition(id, url.toString(), type.name().toLowerCase(Locale.ROOT),
        interval, java.util.List.of(), true);
  }

  /** A stored definition as a source; throws IllegalArgumentException naming the bad field. */
  public static Source from(io.wirewatch.model.SourceDefinition d) {
    return new Source(d.id(), URI.create(d.url()), Type.parse(d.type()), d.interval());
  }

  /** How a source's content is read. */
  public enum Type {
    /** An RSS or Atom feed (Rome tells them apart); each entry's link is fetched as an article. */
    FEED,
    /** A section or index page: same-site article links on it are fetched as articles. */
    HTML,
    /** A single article page. */
    PAGE,
    /** A site page announcing its feed with {@code <link rel="alternate">}: the feed is polled. */
    AUTO;

    public static Type parse(String s) {
      if (s == null || s.isBlank()) {
        return FEED;
      }
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "rss", "atom", "feed" -> FEED;
        case "html", "index" -> HTML;
        case "page", "article" -> PAGE;
        case "auto" -> AUTO;
        default -> throw new InvalidInputException(
            "type must be rss, atom, feed, html, page or auto, got '" + s + "'");
      };
    }
  }

  public Source {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(type, "type");
    if (id.isBlank()) {
      throw new InvalidInputException("source id must not be blank");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw new InvalidInputException(
          "source " + id + ": url must be http, https or file, got '" + url + "'");
    }
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new InvalidInputException("source " + id + ": interval must be positive");
    }
  }
}
