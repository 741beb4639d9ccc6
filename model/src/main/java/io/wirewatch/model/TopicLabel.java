package io.wirewatch.model;

import java.util.Objects;

/**
 * The learned topic of an article.
 *
 * @param label the model's class name, e.g. {@code World} or {@code Sci/Tech}
 * @param score the model's confidence in that label, in (0, 1]; the scores of all labels sum to 1
 */
public record TopicLabel(String label, double score) {

  public TopicLabel {
    Objects.requireNonNull(label, "label");
  }
}
