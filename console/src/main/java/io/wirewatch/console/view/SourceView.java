package io.wirewatch.console.view;

import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.config.Settings;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * A source with its health from its latest {@code news.source-status} record.
 *
 * @param id                  the source's id
 * @param url                 what is polled
 * @param type                how it is read
 * @param interval            time between polls ({@code 5m}), or null for ingest's default
 * @param enabled             false when stored but not polled
 * @param health              {@code unhealthy} (failures reached ingest's threshold), {@code failing}
 *                            (the last poll failed), {@code pending} (not polled yet), {@code ok} or
 *                            {@code disabled}
 * @param lastPoll            when it was last polled, or null
 * @param httpStatus          the last poll's HTTP status (0: no response), or null
 * @param consecutiveFailures failed polls in a row, or null
 * @param nextPoll            when it will be polled next, or null
 * @param error               the last poll's failure, or null
 * @param itemsNew            items the last poll found new, or null
 * @param durationMs          how long the last poll took, or null
 */
public record SourceView(String id, String url, String type, String interval, boolean enabled, String health,
    Instant lastPoll, Integer httpStatus, Integer consecutiveFailures, Instant nextPoll, String error,
    Integer itemsNew, Long durationMs) {

  /** Failing first (the ones to look at), then pending, healthy, disabled; more failures first; then by id. */
  public static final Comparator<SourceView> FAILING_FIRST = Comparator
      .comparingInt((SourceView s) -> rank(s.health()))
      .thenComparing(s -> s.consecutiveFailures() == null ? 0 : -s.consecutiveFailures())
      .thenComparing(SourceView::id);

  private static int rank(String health) {
    return switch (health) {
      case "unhealthy" -> 0;
      case "failing" -> 1;
      case "pending" -> 2;
      case "ok" -> 3;
      default -> 4;
    };
  }

  static SourceView of(SourceDefinition d, SourceStatus s) {
    String health = !d.enabled() ? "disabled" : s == null ? "pending"
        : !s.healthy() ? "unhealthy" : s.error() != null ? "failing" : "ok";
    return new SourceView(d.id(), d.url(), d.type() == null ? null : d.type().toLowerCase(Locale.ROOT),
        d.interval() == null ? null : Settings.format(d.interval()), d.enabled(), health,
        s == null ? null : s.at(), s == null ? null : s.httpStatus(), s == null ? null : s.consecutiveFailures(),
        s == null ? null : s.nextPollAt(), s == null ? null : s.error(), s == null ? null : s.itemsNew(),
        s == null ? null : s.durationMs());
  }
}
