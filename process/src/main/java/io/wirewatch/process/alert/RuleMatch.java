package io.wirewatch.process.alert;

import io.wirewatch.model.Rule;
import java.util.List;

/**
 * One rule that matched one article.
 *
 * @param rule    the rule
 * @param terms   the article's words that matched, lowercased, in order of first appearance
 * @param snippet text around the first match, with the match marked «like this»
 */
public record RuleMatch(Rule rule, List<String> terms, String snippet) {}
