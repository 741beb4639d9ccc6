package io.wirewatch.process.story;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Which story each recent article joined, so that a revision of an article (the same id, its text
 * changed) stays in the story it joined instead of being counted again, perhaps elsewhere. Only
 * as far back as a story can stay open matters: an article older than that belongs to a closed
 * story, and its revision starts afresh.
 */
public interface StoryMemberships {

  /** The story {@code articleId} joined, if it arrived within the memory, else null. */
  String storyOf(String articleId, Instant arrived);

  void remember(String articleId, String storyId, Instant arrived);

  /** In a map, unbounded: for tests and the {@code cluster} command's short runs. */
  static StoryMemberships inMemory() {
    Map<String, String> map = new HashMap<>();
    return new StoryMemberships() {
      @Override
      public String storyOf(String articleId, Instant arrived) {
        return map.get(articleId);
      }

      @Override
      public void remember(String articleId, String storyId, Instant arrived) {
        map.put(articleId, storyId);
      }
    };
  }

  /** How long memberships must be kept for a story window of {@code window}. */
  static Duration retentionFor(Duration window) {
    // The story may stay open a whole window after the article's arrival; a day more covers
    // publication times a little older than arrivals.
    return window.plus(Duration.ofDays(1));
  }
}
