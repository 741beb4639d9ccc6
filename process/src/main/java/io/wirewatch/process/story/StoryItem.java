package io.wirewatch.process.story;

import java.time.Instant;
import java.util.Objects;

/**
 * One article as the clusterer sees it: the fields of the common story-evaluation format plus the
 * URL that the story snapshot lists. Only {@code id} is required; a missing title or text is empty.
 *
 * @param id        the article id (story ids are derived from it, so it should be stable)
 * @param title     headline, may be empty
 * @param text      body or lead, may be empty
 * @param published event time; null when the source gives none (the caller then passes a time)
 * @param source    outlet (host name or source id), may be null
 * @param language  ISO 639-1 code, may be null (one assigner per language; the caller routes)
 * @param url       link listed in the story's latest articles, may be null
 */
public record StoryItem(String id, String title, String text, Instant published, String source, String language, String url) {

  public StoryItem {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    title = title == null ? "" : title;
    text = text == null ? "" : text;
  }

  public StoryItem(String id, String title, String text, Instant published, String source, String language) {
    this(id, title, text, published, source, language, null);
  }
}
