package io.wirewatch.process.story;

import java.time.Instant;
import java.util.List;

/**
 * What the assigner decided for one article.
 *
 * @param articleId  the article
 * @param storyId    the story it now belongs to
 * @param started    true when it started that story
 * @param duplicate  true when it joined because it is a near-copy of one of the story's articles
 * @param score      the model's probability for the story joined (for a started story: the best
 *                   candidate's, below the threshold, or 0 without candidates)
 * @param threshold  the threshold the score was held against
 * @param time       the event time used (published, else the caller's)
 * @param story      the story after the article was added: the snapshot to publish
 * @param candidates the stories scored, best first (the joined one first when it joined)
 * @param terms      the article's heaviest terms, which it looked its candidates up by
 */
public record StoryAssignment(
    String articleId,
    String storyId,
    boolean started,
    boolean duplicate,
    double score,
    double threshold,
    Instant time,
    Story story,
    List<StoryCandidate> candidates,
    List<String> terms) {

  public StoryAssignment {
    candidates = List.copyOf(candidates);
    terms = List.copyOf(terms);
  }
}
