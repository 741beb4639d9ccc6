package io.wirewatch.console.edit;

import io.wirewatch.model.Rule;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.alert.RuleError;
import java.util.List;
import java.util.Optional;

/**
 * Adds, replaces and removes rules: each rule is checked by the process stage's own {@link RuleBook}
 * first and written only when it parses, as {@code wirewatch rules add} does.
 */
public final class RuleEditor implements AutoCloseable {

  /** Where rules go: {@code news.rules} through {@code RulesTopic} in production. */
  public interface RuleWriter {
    void publish(List<Rule> rules);

    void remove(String id);
  }

  private final RuleWriter writer;
  private final RuleBook checker = new RuleBook();

  public RuleEditor(RuleWriter writer) {
    this.writer = writer;
  }

  /**
   * Checks a rule's query with the matching engine's parser, whether or not the rule is enabled.
   *
   * @throws RuleRejected with the parser's message and position
   */
  public void check(Rule rule) {
    Optional<RuleError> error;
    synchronized (checker) {
      error = checker.check(rule);
    }
    if (error.isPresent()) {
      throw new RuleRejected(rule.id(), QueryProblem.of(error.get().reason()));
    }
  }

  /** Checks, then writes: nothing is written for a rule that does not parse. */
  public void put(Rule rule) {
    check(rule);
    writer.publish(List.of(rule));
  }

  public void remove(String id) {
    writer.remove(id);
  }

  @Override
  public void close() {
    checker.close();
  }
}
