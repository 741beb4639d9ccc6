package io.wirewatch.process.alert;

import io.wirewatch.model.Rule;
import java.util.List;

/**
 * One rule that matched one article.
 *
 * @param rule    the rule
 * @param terms   the article's words that matched, lowercased, in order of first appearance
 * @param snippet text around the first match, with the match marked «like this»
 * @param hits    how many times the query matched in title and text together (at least 1): a
 *                phrase counts once per occurrence, not once per word, and each term or phrase of
 *                the query at most 1,000 times
 */
public record RuleMatch(Rule rule, List<String> terms, String snippet, int hits) {

  public RuleMatch {
    if (hits < 1) {
      throw new IllegalArgumentException("hits must be at least 1 for a match, got " + hits);
    }
  }

  /** A match counted once, for callers that only need to know that the rule matched. */
  public RuleMatch(Rule rule, List<String> terms, String snippet) {
    this(rule, terms, snippet, 1);
  }
}
