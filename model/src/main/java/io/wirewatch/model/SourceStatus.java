package io.wirewatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What one poll of one source did: the value of {@code news.source-status}, keyed by source id.
 * Ops teams read it for health; the ingestor reads the latest record per source back at start (the
 * topic is compacted) to resume conditional GETs and back-off where the last owner stopped.
 *
 * @param sourceId            the source
 * @param at                  when the poll started
 * @param url                 the URL polled
 * @param httpStatus          HTTP status (304 for not modified), 0 when no response arrived
 * @param itemsNew            items emitted for the first time by this poll
 * @param itemsUpdated        items emitted again because their content changed
 * @param itemsSeen           items the feed listed that had been emitted before
 * @param bytes               bytes received on the wire for the source itself
 * @param durationMs          duration of the whole poll, article pages included
 * @param error               the failure, or null when the poll succeeded
 * @param consecutiveFailures failed polls in a row, 0 after a success
 * @param healthy             false once {@code consecutiveFailures} reached the configured threshold
 * @param etag                validator to send next time, or null
 * @param lastModified        validator to send next time, or null
 * @param nextPollAt          when the source will be polled next (interval, server hints, back-off)
 */
public record SourceStatus(
    String sourceId,
    Instant at,
    String url,
    int httpStatus,
    int itemsNew,
    int itemsUpdated,
    int itemsSeen,
    long bytes,
    long durationMs,
    String error,
    int consecutiveFailures,
    boolean healthy,
    String etag,
    String lastModified,
    Instant nextPollAt) {

  public SourceStatus {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(at, "at");
  }
}
