package io.wirewatch.console.edit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a query does not parse, as the parser said it, with the position the message names.
 *
 * @param message the parser's message
 * @param line    the line it names (1-based), or null when it names none
 * @param column  the column it names (1-based), or null
 */
public record QueryProblem(String message, Integer line, Integer column) {

  private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  /** The position is read from the message (Lucene's parsers write "at line 1, column 10"). */
  public static QueryProblem of(String message) {
    Matcher m = POSITION.matcher(message == null ? "" : message);
    if (m.find()) {
      return new QueryProblem(message, Integer.valueOf(m.group(1)), Integer.valueOf(m.group(2)));
    }
    return new QueryProblem(message, null, null);
  }
}
