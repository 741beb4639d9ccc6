package io.wirewatch.process.clean;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Page timestamps in the shapes sites actually write, normalised to an instant in UTC. */
final class TimeParser {

  /** "+0000" offsets (no colon) are common in meta tags; ISO parsing wants "+00:00". */
  private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
  private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
      .parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
      .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter(Locale.ROOT);

  private TimeParser() {}

  static Instant parse(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String v = s.trim();
    if (v.length() > 11 && v.charAt(10) == ' ' && Character.isDigit(v.charAt(11))) {
      v = v.substring(0, 10) + 'T' + v.substring(11).replace(" ", "");
    }
    v = COMPACT_OFFSET.matcher(v).replaceFirst("$1:$2");
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException ignored) {
      // not ISO with an offset; the shapes below are tried in turn
    }
    try {
      return ZonedDateTime.parse(v).toInstant();
    } catch (DateTimeParseException ignored) {
      // not ISO with a zone id
    }
    try {
      // A local time without offset: UTC is the only assumption that does not depend on the reader.
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // not a local ISO date-time
    }
    try {
      return LocalDateTime.parse(s.trim(), SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // not "yyyy-MM-dd HH:mm:ss"
    }
    try {
      return ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException ignored) {
      // not an HTTP/RSS style date
    }
    if (v.length() >= 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
      try {
        return LocalDate.parse(v.substring(0, 10)).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
    return null;
  }
}
