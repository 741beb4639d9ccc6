package io.wirewatch.ingest.poll;

import io.wirewatch.ingest.fetch.Validators;
import io.wirewatch.model.SourceStatus;
import java.net.URI;
import java.time.Instant;

/**
 * What the ingestor remembers about one source between polls. Restored from the source's last
 * {@link SourceStatus} when its partition is assigned, so conditional GETs and back-off survive
 * restarts and moves. Touched only by the one thread polling the source at a time.
 */
public final class SourceState {

  Validators validators = Validators.NONE;
  int consecutiveFailures;
  /** The feed found on the page of an {@code auto} source, or null before discovery. */
  URI discoveredFeed;
  private Instant nextPollAt;

  public static SourceState from(SourceStatus last) {
    SourceState s = new SourceState();
    if (last != null) {
      s.validators = new Validators(last.etag(), last.lastModified());
      s.consecutiveFailures = last.consecutiveFailures();
      s.nextPollAt = last.nextPollAt();
    }
    return s;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** When the previous owner planned the next poll, or null. */
  public Instant nextPollAt() {
    return nextPollAt;
  }

  public Validators validators() {
    return validators;
  }
}
