package io.wirewatch.notify.event;

import java.util.Locale;

/** Alert severities in rising order, so that a filter or a policy can compare them. */
public enum Severity {
  INFO, WARNING, CRITICAL;

  /** The severity written as {@code name} (any case), or null when it is none of them. */
  public static Severity of(String name) {
    if (name == null) {
      return null;
    }
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "info" -> INFO;
      case "warning" -> WARNING;
      case "critical" -> CRITICAL;
      default -> null;
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
