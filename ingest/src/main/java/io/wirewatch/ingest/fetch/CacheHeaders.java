package io.wirewatch.ingest.fetch;

import io.wirewatch.model.net.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server says about when to come back: {@code Cache-Control: max-age} after a success and
 * {@code Retry-After} with a 429 or 503. Both are hints the scheduler weighs, never orders; an
 * unreadable value is no hint (null), not an error.
 */
public final class CacheHeaders {

  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})");

  private CacheHeaders() {}

  /** {@code max-age} of a {@code Cache-Control} value; null when absent or when {@code no-store} forbids caching. */
  public static Duration maxAge(String cacheControl) {
    if (cacheControl == null) {
      return null;
    }
    String v = cacheControl.toLowerCase(Locale.ROOT);
    if (v.contains("no-store")) {
      return null;
    }
    Matcher m = MAX_AGE.matcher(v);
    return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
  }

  /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
  public static Duration retryAfter(String value) {
    return retryAfter(value, Clock.systemUTC());
  }

  static Duration retryAfter(String value, Clock clock) {
    return RetryAfter.parse(value, clock.instant());
  }
}
