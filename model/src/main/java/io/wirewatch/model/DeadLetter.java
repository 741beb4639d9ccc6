package io.wirewatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the pipeline could not handle, kept with its reason instead of being dropped: the value of
 * {@code news.dead-letter}. Ops teams read this topic to see bad feeds, bad pages and poison records.
 *
 * @param stage     where it failed, from the closed vocabulary {@link Stage}
 * @param reason    a readable message that names what was wrong
 * @param errorType class name of the exception, or null
 * @param subject   what failed: a URL, a record key, a rule id
 * @param payload   the offending input, truncated to {@link #MAX_PAYLOAD_CHARS}; null when there is none
 * @param at        when it failed
 */
public record DeadLetter(
    Stage stage,
    String reason,
    String errorType,
    String subject,
    String payload,
    Instant at) {

  /** Enough to recognise the input; a whole 5 MB page in the dead-letter topic helps nobody. */
  public static final int MAX_PAYLOAD_CHARS = 4_096;

  public DeadLetter {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    if (payload != null && payload.length() > MAX_PAYLOAD_CHARS) {
      payload = payload.substring(0, MAX_PAYLOAD_CHARS) + "…[truncated]";
    }
  }

  public static DeadLetter of(Stage stage, String subject, Throwable error, String payload, Instant at) {
    String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return new DeadLetter(stage, reason, error.getClass().getName(), subject, payload, at);
  }
}
