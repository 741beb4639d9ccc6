package io.wirewatch.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A source as stored in the compacted topic {@code news.sources}, keyed by {@link #id}. A tombstone
 * (null value) removes the source.
 *
 * @param id       short stable name
 * @param url      absolute http(s) or file URL
 * @param type     {@code rss | atom | feed | html | auto}
 * @param interval time between polls, or null for the configured default
 * @param tags     free labels for the operator, may be empty
 * @param enabled  false keeps the definition but stops polling
 */
public record SourceDefinition(String id, String url, String type, Duration interval, List<String> tags,
    boolean enabled) {

  public SourceDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
