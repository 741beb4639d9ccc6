package io.wirewatch.console.preview;

import java.util.List;

/**
 * A preview's state: final once {@code done}.
 *
 * @param id        the preview's id, for {@code GET /api/rules/preview/{id}}
 * @param query     the query previewed
 * @param done      false while the scan runs
 * @param scanned   articles scanned so far
 * @param total     articles retained when the scan began
 * @param matched   articles matched so far (all counted, at most maxMatches listed)
 * @param truncated true when the scan stopped before the last article
 * @param stoppedBy why it stopped early: {@code time}, {@code articles} (the scan bound) or
 *                  {@code shutdown}; null when it was not stopped
 * @param elapsedMs time spent scanning
 * @param matches   the newest matches first
 */
public record PreviewResult(String id, String query, boolean done, long scanned, long total, long matched,
    boolean truncated, String stoppedBy, long elapsedMs, List<PreviewMatch> matches) {}
