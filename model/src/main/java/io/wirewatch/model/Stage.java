package io.wirewatch.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a {@link DeadLetter} failed: one closed vocabulary for every stage, so that a consumer can
 * count and route failures by a name it knows in advance. On the wire each stage is its dotted name
 * ({@code ingest.feed}); the README's topic table lists them with what each means.
 */
public enum Stage {
  /** A record of {@code news.sources} that is not a source definition. */
  INGEST_SOURCE("ingest.source"),
  /** A feed or index page that could not be fetched or parsed. */
  INGEST_FEED("ingest.feed"),
  /** A feed entry without a usable link. */
  INGEST_ENTRY("ingest.entry"),
  /** An article page that could not be fetched (status, size, charset, address, robots.txt). */
  INGEST_PAGE("ingest.page"),
  /** A record of {@code news.raw} that is not a raw article. */
  PROCESS_DECODE("process.decode"),
  /** A page the cleaner could not turn into an article (no readable text, not text at all). */
  PROCESS_CLEAN("process.clean"),
  /** Language, category, country or topic detection failed on a cleaned article. */
  PROCESS_CLASSIFY("process.classify"),
  /** Grouping an article into a story failed; the article is written without a story. */
  PROCESS_STORY("process.story"),
  /** Matching an article against the rules failed as a whole. */
  PROCESS_ALERT("process.alert"),
  /** A rule rejected (does not parse, unreadable record) or failing at match time. */
  PROCESS_RULE("process.rule"),
  /** A record of {@code news.alerts} or {@code news.stories} that notify cannot read. */
  NOTIFY_DECODE("notify.decode"),
  /**
   * An event notify gave up delivering to a channel (attempts or age exhausted, or refused for
   * good); the dead letter carries the channel, the last status and the event, and is replayed by
   * {@code wirewatch notify --replay-dead-letters}.
   */
  NOTIFY_DELIVER("notify.deliver");

  private final String wireName;

  Stage(String wireName) {
    this.wireName = wireName;
  }

  /** The dotted name written to {@code news.dead-letter}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The stage written as {@code name}; an unknown name is refused with the known ones. */
  @JsonCreator
  public static Stage of(String name) {
    for (Stage s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown stage '" + name + "'; known: "
        + Arrays.stream(values()).map(Stage::wireName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
