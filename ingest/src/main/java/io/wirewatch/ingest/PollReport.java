package io.wirewatch.ingest;

/**
 * What one poll of one source did.
 *
 * @param sourceId the source
 * @param entries  entries the feed listed (1 for an HTML source)
 * @param emitted  new raw articles handed to the sink
 * @param failed   entries or fetches that became dead letters
 */
public record PollReport(String sourceId, int entries, int emitted, int failed) {}
