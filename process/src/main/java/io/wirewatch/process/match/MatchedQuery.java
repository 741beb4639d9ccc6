package io.wirewatch.process.match;

import java.util.List;

/**
 * One stored query that matched one article.
 *
 * @param id      the query's id
 * @param payload what the query was stored with (a rule, a category's term)
 * @param terms   the article's words that matched, lowercased, in order of first appearance
 * @param snippet text around the first match, with the match marked «like this»; null when the
 *                match was asked for {@link QueryMatcher.Detail#TERMS} only
 * @param hits    how many times the query matched in headline and body together (at least 1): a
 *                phrase counts once per occurrence, not once per word
 */
public record MatchedQuery<T>(String id, T payload, List<String> terms, String snippet, int hits) {

  public MatchedQuery {
    if (hits < 1) {
      throw new IllegalArgumentException("hits must be at least 1 for a match, got " + hits);
    }
    terms = List.copyOf(terms);
  }
}
