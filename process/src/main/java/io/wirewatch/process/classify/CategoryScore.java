package io.wirewatch.process.classify;

import java.util.List;

/**
 * A category assigned to an article.
 *
 * @param id    the category
 * @param score sum over its matched terms of weight × capped hits; at least the threshold
 * @param terms the article's words that counted, lowercased, in the taxonomy's term order
 */
public record CategoryScore(String id, double score, List<String> terms) {

  public CategoryScore {
    terms = List.copyOf(terms);
  }
}
