package io.wirewatch.console.events;

import io.wirewatch.model.InvalidInputException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in both event topics: for each partition, the offset of the next record to read. It is
 * written as an SSE event id, {@code a0:12,a1:7,a2:0,s0:4} ({@code a} for alerts, {@code s} for
 * stories, then partition:offset), which a browser sends back as {@code Last-Event-ID} when it
 * reconnects. Plain text rather than an opaque token so that an operator can read and write one.
 *
 * @param alerts  next offset per partition of {@code news.alerts}
 * @param stories next offset per partition of {@code news.stories}
 */
public record EventCursor(SortedMap<Integer, Long> alerts, SortedMap<Integer, Long> stories) {

  private static final Pattern PART = Pattern.compile("([as])(\\d{1,5}):(\\d{1,19})");
  /** Longer ids are not ours: refused before any parsing. */
  private static final int MAX_LENGTH = 4096;

  public EventCursor {
    alerts = Collections.unmodifiableSortedMap(new TreeMap<>(alerts));
    stories = Collections.unmodifiableSortedMap(new TreeMap<>(stories));
  }

  /**
   * Reads a cursor written by {@link #encode()}.
   *
   * @throws InvalidInputException naming what is wrong
   */
  public static EventCursor parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("an event id must not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException("an event id is at most " + MAX_LENGTH + " characters");
    }
    SortedMap<Integer, Long> a = new TreeMap<>();
    SortedMap<Integer, Long> s = new TreeMap<>();
    for (String part : text.trim().split(",")) {
      Matcher m = PART.matcher(part.trim());
      if (!m.matches()) {
        throw new InvalidInputException("not an event id of this console: '" + text
            + "' (expected a0:12,a1:7,s0:4: a topic letter, a partition and an offset, comma-separated)");
      }
      long offset;
      try {
        offset = Long.parseLong(m.group(3));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("offset out of range in event id '" + text + "'", e);
      }
      Map<Integer, Long> target = m.group(1).equals("a") ? a : s;
      if (target.put(Integer.parseInt(m.group(2)), offset) != null) {
        throw new InvalidInputException("partition " + m.group(1) + m.group(2) + " twice in event id '" + text + "'");
      }
    }
    return new EventCursor(a, s);
  }

  public String encode() {
    StringBuilder sb = new StringBuilder();
    alerts.forEach((p, o) -> sb.append(sb.length() == 0 ? "" : ",").append('a').append(p).append(':').append(o));
    stories.forEach((p, o) -> sb.append(sb.length() == 0 ? "" : ",").append('s').append(p).append(':').append(o));
    return sb.toString();
  }

  @Override
  public String toString() {
    return encode();
  }
}
