package io.wirewatch.notify.event;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Json;
import io.wirewatch.model.Story;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One thing to deliver: an alert raised or updated, or a story burst, with the idempotency key
 * every channel receives it under.
 *
 * <p>The {@link #id()} is derived from the event itself (type, subject and the fields that make
 * this occurrence distinct), never drawn at random: every retry, every re-delivery after a crash
 * and every replay of a dead letter carries the same key, and two different events never share it.
 *
 * @param type       what happened
 * @param id         the idempotency key, 32 hex digits
 * @param subject    the alert's key ({@code ruleId/articleId}) or the story's id
 * @param occurredAt when it happened (alert: updatedAt; story: burstAt)
 * @param alert      the alert, for alert events; else null
 * @param story      the story, for story events; else null
 * @param json       the body a generic webhook receives: the alert's or the story's JSON as on its topic
 */
public record Event(EventType type, String id, String subject, Instant occurredAt, Alert alert, Story story,
    byte[] json) {

  public Event {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(json, "json");
    if ((alert == null) == (story == null)) {
      throw new IllegalArgumentException("an event is about an alert or a story");
    }
  }

  /** {@code alert.raised} for a new alert, {@code alert.updated} for an update. */
  public static Event of(Alert a) {
    EventType type = a.isUpdate() ? EventType.ALERT_UPDATED : EventType.ALERT_RAISED;
    String id = idOf(type.wireName(), a.key(), Integer.toString(a.count()), String.valueOf(a.updatedAt()));
    return new Event(type, id, a.key(), a.updatedAt(), a, null, toJson(a));
  }

  /** {@code story.burst} for a story whose burst began at {@code s.burstAt()}. */
  public static Event burstOf(Story s) {
    Objects.requireNonNull(s.burstAt(), "burstAt");
    String id = idOf(EventType.STORY_BURST.wireName(), s.id(), s.burstAt().toString());
    return new Event(EventType.STORY_BURST, id, s.id(), s.burstAt(), null, s, toJson(s));
  }

  /**
   * The idempotency key of the event made of {@code parts}: the first 128 bits of SHA-256 over the
   * parts, each followed by a unit separator (so that "a/b"+"c" and "a"+"b/c" differ).
   */
  static String idOf(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        sha.update(p.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x1f);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static byte[] toJson(Object value) {
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The alert's severity; null for a story burst, which has none. */
  public Severity severity() {
    return alert == null ? null : Severity.of(alert.severity());
  }

  /** The rule that raised it; null for a story burst. */
  public String ruleId() {
    return alert == null ? null : alert.ruleId();
  }

  public List<String> categories() {
    return alert != null ? alert.categories() : story.categories();
  }

  public List<String> countries() {
    return alert != null ? alert.countries() : story.countries();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event e && e.id.equals(id) && e.type == type;
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return type + " " + subject + " (" + id + ")";
  }
}
