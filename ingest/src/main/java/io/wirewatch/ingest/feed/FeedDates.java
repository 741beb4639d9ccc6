package io.wirewatch.ingest.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The two date forms feeds are meant to carry, read when Rome could not: RSS's RFC 822 (as RFC 1123
 * writes it) and Atom's RFC 3339. Anything else is no date rather than a guess.
 */
public final class FeedDates {

  private FeedDates() {}

  /** The instant {@code s} names, or null when it is neither form. */
  public static Instant parse(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    try {
      return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (RuntimeException e) {
      // next form
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
