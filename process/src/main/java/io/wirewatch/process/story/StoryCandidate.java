package io.wirewatch.process.story;

/**
 * A story an article was scored against.
 *
 * @param storyId   the story
 * @param headline  its headline at the time
 * @param score     the model's probability that the article belongs to it
 * @param features  the feature values, in the order of {@link StoryFeatures#NAMES}
 * @param duplicate the highest estimated shingle Jaccard with the story's kept articles
 */
public record StoryCandidate(String storyId, String headline, double score, double[] features, double duplicate) {

  /** The value of one named feature. */
  public double feature(String name) {
    int i = StoryFeatures.NAMES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no feature named " + name + "; features are " + StoryFeatures.NAMES);
    }
    return features[i];
  }
}
