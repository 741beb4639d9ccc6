package io.wirewatch.ingest;

import io.wirewatch.model.SourceStatus;
import java.time.Duration;

/**
 * A poll's result as the scheduler needs it.
 *
 * @param report     counts, for logs and tests
 * @param status     the record written to {@code news.source-status} (its nextPollAt filled later)
 * @param maxAge     the server's Cache-Control max-age, or null
 * @param ttl        the feed's RSS ttl, or null
 * @param retryAfter the server's Retry-After on a failure, or null
 * @param batch      what to publish
 */
public record PollOutcome(PollReport report, SourceStatus status, Duration maxAge, Duration ttl, Duration retryAfter,
    PollBatch batch) {

  public boolean failed() {
    return status.error() != null;
  }
}
