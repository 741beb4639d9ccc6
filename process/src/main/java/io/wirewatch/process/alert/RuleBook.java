package io.wirewatch.process.alert;

import io.wirewatch.model.Rule;
import io.wirewatch.process.match.MatchResult;
import io.wirewatch.process.match.QueryError;
import io.wirewatch.process.match.QueryMatcher;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The alert rules live in one process instance, on the one matching engine ({@link QueryMatcher}):
 * a rule is its query stored with the rule itself, so that a match hands back the version that
 * fired. A disabled rule is not stored; a rule that does not parse changes nothing.
 */
public final class RuleBook implements Closeable {

  private final QueryMatcher<Rule> matcher = new QueryMatcher<>();
  private final List<RuleError> errors = new ArrayList<>();

  /** A book with no rules; add them with {@link #put(Rule)}. */
  public RuleBook() {}

  /** A book with {@code rules}, indexed at once; the ones refused are listed by {@link #errors()}. */
  public RuleBook(Collection<Rule> rules) {
    try {
      Set<String> seen = new HashSet<>();
      for (Rule r : rules) {
        if (!seen.add(r.id())) {
          errors.add(new RuleError(r.id(), "duplicate rule id; the first definition is kept"));
          continue;
        }
        put(r).ifPresent(errors::add);
      }
      matcher.flush();
    } catch (RuntimeException | Error e) {
      // Out of memory included: the Monitor's purge thread would otherwise keep the JVM alive.
      try {
        close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Adds or replaces one rule; a disabled rule is removed. A rule that does not parse changes
   * nothing: the previous version, if any, stays active.
   *
   * @return the reason when the rule was refused
   */
  public Optional<RuleError> put(Rule rule) {
    if (!rule.enabled()) {
      remove(rule.id());
      return Optional.empty();
    }
    return matcher.put(rule.id(), rule.query(), rule).map(RuleBook::toRuleError);
  }

  public void remove(String id) {
    matcher.remove(id);
  }

  /** Why {@code rule} would be refused, or empty when it would be accepted. */
  public Optional<RuleError> check(Rule rule) {
    return matcher.check(rule.id(), rule.query()).map(RuleBook::toRuleError);
  }

  /** The active rule {@code id}, if any. */
  public Optional<Rule> rule(String id) {
    return matcher.get(id);
  }

  /** The active rules, sorted by id. */
  public List<Rule> rules() {
    return matcher.all();
  }

  /** How many rules are active; safe to call from any thread (a metrics scrape). */
  public int size() {
    return matcher.size();
  }

  /** Rules refused when the book was built from a collection. */
  public List<RuleError> errors() {
    return List.copyOf(errors);
  }

  /** The rules that match an article with this title and text, sorted by rule id. */
  public List<RuleMatch> match(String title, String text) {
    return matchDetailed(title, text).matches();
  }

  /**
   * The matches and the work behind them.
   *
   * @param matches    as {@link #match(String, String)}
   * @param candidates rules the presearcher selected and the matcher had to check
   * @param failures   rules that threw while being checked against this article
   */
  public record Result(List<RuleMatch> matches, int candidates, List<RuleError> failures) {}

  public Result matchDetailed(String title, String text) {
    MatchResult<Rule> found = matcher.match(title, text, QueryMatcher.Detail.SNIPPETS);
    return new Result(
        found.matches().stream().map(m -> new RuleMatch(m.payload(), m.terms(), m.snippet(), m.hits())).toList(),
        found.candidates(),
        found.failures().stream().map(RuleBook::toRuleError).toList());
  }

  private static RuleError toRuleError(QueryError e) {
    return new RuleError(e.id(), e.reason());
  }

  @Override
  public void close() {
    matcher.close();
  }
}
