package io.wirewatch.console.view;

import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Rule;
import java.time.Instant;
import java.util.Locale;

/**
 * Which alerts a list shows: each non-null field must match.
 *
 * @param rule     the rule's id
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param since    only alerts raised or updated at or after this time
 * @param storyId  only alerts of this story
 * @param limit    at most this many, newest first
 */
public record AlertFilter(String rule, String severity, Instant since, String storyId, int limit) {

  public AlertFilter {
    if (severity != null) {
      severity = severity.trim().toLowerCase(Locale.ROOT);
      if (!Rule.SEVERITIES.contains(severity)) {
        throw new InvalidInputException("severity must be one of info, warning, critical; got '" + severity + "'");
      }
    }
    if (limit < 1) {
      throw new InvalidInputException("limit must be at least 1, got " + limit);
    }
  }

  public static AlertFilter newest(int limit) {
    return new AlertFilter(null, null, null, null, limit);
  }

  boolean accepts(AlertIndex.Entry e) {
    return (rule == null || rule.equals(e.ruleId()))
        && (severity == null || severity.equals(e.severity()))
        && (since == null || e.updatedAtMillis() >= since.toEpochMilli())
        && (storyId == null || storyId.equals(e.storyId()));
  }
}
