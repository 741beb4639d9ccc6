package io.wirewatch.process.alert;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A stored search: when its query matches an article, an alert is raised.
 *
 * @param id          stable id, the first half of the alert key
 * @param query       Lucene query syntax over the fields {@code title} and {@code text}
 * @param severity    {@code info}, {@code warning} or {@code critical}
 * @param description what the rule is for, shown to analysts; may be null
 */
public record Rule(String id, String query, String severity, String description) {

  public static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(query, "query");
    if (id.isBlank() || id.contains("/")) {
      throw new IllegalArgumentException("rule id must be non-blank and contain no '/', got '" + id + "'");
    }
    if (query.isBlank()) {
      throw new IllegalArgumentException("rule " + id + ": query must not be blank");
    }
    severity = severity == null ? "warning" : severity.trim().toLowerCase(Locale.ROOT);
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("rule " + id + ": severity must be one of " + SEVERITIES
          + ", got '" + severity + "'");
    }
  }

  public Rule(String id, String query) {
    this(id, query, null, null);
  }
}
