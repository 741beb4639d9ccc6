package io.wirewatch.console.edit;

import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Adds and removes sources. A source is built and validated by ingest's {@link Source}, as
 * {@code wirewatch sources add} builds it, and written by the same catalog.
 */
public final class SourceEditor {

  /** Where sources go: {@code news.sources} through {@code SourceCatalog} in production. */
  public interface SourceWriter {
    void put(List<Source> sources);

    void remove(String id);
  }

  /**
   * A source as a client sends it.
   *
   * @param id       short stable name
   * @param url      http(s) URL (file: only where allowed)
   * @param type     rss, atom, feed, html, page or auto; null for a feed
   * @param interval time between polls ({@code 5m} or ISO-8601 {@code PT5M}); null for ingest's default
   */
  public record SourceInput(String id, String url, String type, String interval) {}

  private final SourceWriter writer;
  private final boolean allowFileUrls;

  public SourceEditor(SourceWriter writer, boolean allowFileUrls) {
    this.writer = writer;
    this.allowFileUrls = allowFileUrls;
  }

  /** The source {@code in} describes, validated; nothing is written. */
  public Source validate(SourceInput in) {
    if (in == null || in.id() == null || in.url() == null) {
      throw new InvalidInputException("a source needs an id and a url");
    }
    URI url;
    try {
      url = new URI(in.url().trim());
    } catch (URISyntaxException e) {
      throw new InvalidInputException("source " + in.id() + ": url is not a URL: " + e.getMessage(), e);
    }
    Source s = new Source(in.id().trim(), url, Source.Type.parse(in.type()), interval(in));
    if (!allowFileUrls && "file".equals(url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT))) {
      throw new InvalidInputException("source " + s.id() + ": file: URLs cannot be added through the console "
          + "(console.sources.allow-file-urls); use `wirewatch sources add` on the machine itself");
    }
    return s;
  }

  /** Validates, then adds or replaces the source. */
  public Source put(SourceInput in) {
    Source s = validate(in);
    writer.put(List.of(s));
    return s;
  }

  public void remove(String id) {
    writer.remove(id);
  }

  private static Duration interval(SourceInput in) {
    String v = in.interval();
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return v.trim().toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(v.trim()) : Settings.parseDuration(v);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidInputException("source " + in.id() + ": interval must be a duration such as 5m or PT5M, got '"
          + v + "'", e);
    }
  }
}
