package io.wirewatch.console.http;

import io.javalin.http.Context;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.config.Settings;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters read the same way by every route; a bad one is a 400 that names it. */
final class Params {

  private Params() {}

  /** A parameter's value, or null when absent or empty. */
  static String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** {@code limit}: 1 to {@code max}, {@code fallback} when absent. */
  static int limit(Context ctx, int fallback, int max) {
    String v = text(ctx, "limit");
    if (v == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("limit must be a whole number, got '" + v + "'");
    }
    if (n < 1 || n > max) {
      throw new InvalidInputException("limit must be from 1 to " + max + " (console.list.max-limit), got " + n);
    }
    return n;
  }

  /** {@code since}: an ISO-8601 instant ({@code 2026-03-22T00:00:00Z}) or a time ago ({@code 30m}, {@code 24h}). */
  static Instant since(Context ctx, Clock clock) {
    String v = text(ctx, "since");
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return Instant.now(clock).minus(Settings.parseDuration(v));
      } catch (IllegalArgumentException notADuration) {
        throw new InvalidInputException("since must be an ISO-8601 instant such as 2026-03-22T00:00:00Z or a time "
            + "ago such as 30m or 24h, got '" + v + "'");
      }
    }
  }

  /** A boolean parameter, {@code fallback} when absent. */
  static boolean bool(Context ctx, String name, boolean fallback) {
    String v = text(ctx, name);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new InvalidInputException(name + " must be true or false, got '" + v + "'");
    };
  }
}
