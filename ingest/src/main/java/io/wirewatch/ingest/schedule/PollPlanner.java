package io.wirewatch.ingest.schedule;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to poll a source next. After a success: the source's interval, lengthened (never shortened)
 * by the server's own hints, {@code Cache-Control: max-age} and RSS {@code <ttl>}, up to a ceiling.
 * After a failure: exponential back-off from the interval, capped, and never sooner than the
 * server's {@code Retry-After}. Every delay gets a random jitter so that thousands of sources
 * started together spread out instead of hitting servers in the same second forever.
 */
public final class PollPlanner {

  private final double jitter;
  private final Duration maxInterval;
  private final Duration backoffMax;
  private final DoubleSupplier random;

  /**
   * @param jitter      fraction of the delay added or removed at random, 0 to 0.5
   * @param maxInterval ceiling on server hints (a max-age of a year must not silence a source)
   * @param backoffMax  ceiling on the back-off after failures
   * @param random      uniform in [0, 1); a seam for tests
   */
  public PollPlanner(double jitter, Duration maxInterval, Duration backoffMax, DoubleSupplier random) {
    if (jitter < 0 || jitter > 0.5) {
      throw new IllegalArgumentException("jitter must be within 0..0.5, got " + jitter);
    }
    this.jitter = jitter;
    this.maxInterval = maxInterval;
    this.backoffMax = backoffMax;
    this.random = random;
  }

  /** Delay after a successful poll. {@code maxAge} and {@code ttl} may be null. */
  public Duration afterSuccess(Duration interval, Duration maxAge, Duration ttl) {
    Duration d = interval;
    if (maxAge != null && maxAge.compareTo(d) > 0) {
      d = maxAge;
    }
    if (ttl != null && ttl.compareTo(d) > 0) {
      d = ttl;
    }
    if (d.compareTo(maxInterval) > 0) {
      d = interval.compareTo(maxInterval) > 0 ? interval : maxInterval;
    }
    return jittered(d);
  }

  /** Delay after the {@code failures}-th failure in a row (1 for the first). */
  public Duration afterFailure(Duration interval, int failures, Duration retryAfter) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    long cap = backoffMax.toMillis();
    long backoff = Math.max(interval.toMillis(), 1);
    for (int i = 0; i < doublings && backoff < cap; i++) {
      backoff *= 2;
    }
    Duration d = Duration.ofMillis(Math.min(backoff, cap));
    d = jittered(d);
    if (retryAfter != null && retryAfter.compareTo(d) > 0) {
      // The server named a time; jitter would only make us early. Capped like the back-off.
      d = retryAfter.compareTo(maxInterval) > 0 ? maxInterval : retryAfter;
    }
    return d;
  }

  private Duration jittered(Duration d) {
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
  }
}
