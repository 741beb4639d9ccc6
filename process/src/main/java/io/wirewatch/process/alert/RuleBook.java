package io.wirewatch.process.alert;

import io.wirewatch.model.Rule;
import io.wirewatch.process.match.MatchResult;
import io.wirewatch.process.match.QueryError;
import io.wirewatch.process.match.MatchedQuery;
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

  /** Ids of rule queries start so, apart from the category terms a shared matcher also holds. */
  private static final String ID_PREFIX = "rule:";

  private final QueryMatcher<Object> matcher;
  private final boolean ownsMatcher;
  private final List<RuleError> errors = new ArrayList<>();

  /** A book with no rules; add them with {@link #put(Rule)}. */
  public RuleBook() {
    this.matcher = new QueryMatcher<>();
    this.ownsMatcher = true;
  }

  /**
   * A book whose rules live in {@code shared}, beside the taxonomy's category terms: an article is
   * then analysed and matched once for both ({@link #matchDetailed(MatchResult)}).
   */
  public RuleBook(QueryMatcher<Object> shared) {
    this.matcher = shared;
    this.ownsMatcher = false;
  }

  /** A book with {@code rules}, indexed at once; the ones refused are listed by {@link #errors()}. */
  public RuleBook(Collection<Rule> rules) {
    this();
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
    return matcher.put(ID_PREFIX + rule.id(), rule.query(), rule).map(RuleBook::toRuleError);
  }

  public void remove(String id) {
    matcher.remove(ID_PREFIX + id);
  }

  /** Why {@code rule} would be refused, or empty when it would be accepted. */
  public Optional<RuleError> check(Rule rule) {
    return matcher.check(ID_PREFIX + rule.id(), rule.query()).map(RuleBook::toRuleError);
  }

  /** The active rule {@code id}, if any. */
  public Optional<Rule> rule(String id) {
    return matcher.get(ID_PREFIX + id).map(Rule.class::cast);
  }

  /** The active rules, sorted by id. */
  public List<Rule> rules() {
    return matcher.all().stream().filter(Rule.class::isInstance).map(Rule.class::cast).toList();
  }

  /** How many rules are active; safe to call from any thread (a metrics scrape). */
  public int size() {
    return ownsMatcher ? matcher.size() : matcher.count(Rule.class::isInstance);
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
    return matchDetailed(matcher.match(title, text, RuleBook::detail));
  }

  /**
   * The rules among what the (shared) matcher found in an article; the other queries' matches
   * (category terms) are left to their owners. Candidates count every query the article ran.
   */
  public Result matchDetailed(MatchResult<Object> found) {
    List<RuleMatch> matches = new ArrayList<>();
    for (MatchedQuery<Object> m : found.matches()) {
      if (m.payload() instanceof Rule r) {
        matches.add(new RuleMatch(r, m.terms(), m.snippet(), m.hits()));
      }
    }
    return new Result(matches, found.candidates(), found.failures().stream()
        .filter(e -> e.id().startsWith(ID_PREFIX)).map(RuleBook::toRuleError).toList());
  }

  /** How much a match of {@code payload} must be described: a rule's alert shows a snippet. */
  public static QueryMatcher.Detail detail(Object payload) {
    return payload instanceof Rule ? QueryMatcher.Detail.SNIPPETS : QueryMatcher.Detail.TERMS;
  }

  private static RuleError toRuleError(QueryError e) {
    String id = e.id().startsWith(ID_PREFIX) ? e.id().substring(ID_PREFIX.length()) : e.id();
    return new RuleError(id, e.reason());
  }

  /** Closes the matcher when it is the book's own; a shared one is its owner's to close. */
  @Override
  public void close() {
    if (ownsMatcher) {
      matcher.close();
    }
  }
}
