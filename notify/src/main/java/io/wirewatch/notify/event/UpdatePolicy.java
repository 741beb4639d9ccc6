package io.wirewatch.notify.event;

import io.wirewatch.model.config.ConfigException;
import java.util.Locale;

/** Which updates of an alert (flood control: seen again) are delivered. New alerts always are. */
public enum UpdatePolicy {
  /** No update is delivered. */
  NONE,
  /** An update is delivered when its severity is above any delivered before for that alert. */
  SEVERITY_RISE,
  /** Every update is delivered. */
  EVERY;

  public static UpdatePolicy parse(String key, String value, String origin) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "severity-rise" -> SEVERITY_RISE;
      case "every" -> EVERY;
      default -> throw new ConfigException(key + " = '" + value + "' (from " + origin
          + "): expected none, severity-rise or every");
    };
  }
}
