package io.wirewatch.console.view;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Story;
import java.util.List;

/**
 * One story as its page shows it.
 *
 * @param story    the latest record of the story
 * @param articles where the article list comes from: {@code articles} (every retained article whose
 *                 {@code storyId} names this story) or {@code story} (the story record's own latest
 *                 articles, when no retained article names it)
 * @param outlets  its articles grouped by source, sources in order of first sighting, newest first in each
 * @param alerts   alerts raised on its articles, newest first
 */
public record StoryDetail(Story story, String articles, List<Outlet> outlets, List<Alert> alerts) {

  /** The articles one source carried. */
  public record Outlet(String sourceId, List<Story.StoryArticle> articles) {}
}
