package io.wirewatch.notify.event;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What happened, as sent in the {@code X-Wirewatch-Event} header. A closed set receivers route on. */
public enum EventType {
  /** A new alert: a rule matched a story for the first time within its window. */
  ALERT_RAISED("alert.raised"),
  /** An alert seen again (flood control), delivered as the update policy says. */
  ALERT_UPDATED("alert.updated"),
  /** A story began to burst (breaking news): many articles about it in a short time. */
  STORY_BURST("story.burst");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type written as {@code name}; an unknown name is refused with the known ones. */
  public static EventType of(String name) {
    for (EventType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown event '" + name + "'; known: "
        + Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
