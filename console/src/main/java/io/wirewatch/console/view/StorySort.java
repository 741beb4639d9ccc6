package io.wirewatch.console.view;

import io.wirewatch.model.InvalidInputException;
import java.util.Locale;

/** How a list of stories is ordered. */
public enum StorySort {
  /** The most recent article first ({@code lastSeen}). */
  NEWEST,
  /**
   * The most articles in the last three hours of {@code Story.hourly} first, counting only stories
   * whose latest article came in the last three hours (else the story is not growing now); then newest.
   */
  GROWING;

  public static StorySort parse(String s) {
    if (s == null || s.isBlank()) {
      return NEWEST;
    }
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "newest" -> NEWEST;
      case "growing" -> GROWING;
      default -> throw new InvalidInputException("sort must be newest or growing, got '" + s + "'");
    };
  }
}
