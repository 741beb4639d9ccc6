package io.wirewatch.console.edit;

import io.wirewatch.model.InvalidInputException;

/** A rule refused before anything was written: its query does not parse. */
public final class RuleRejected extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient QueryProblem problem;

  public RuleRejected(String ruleId, QueryProblem problem) {
    super("rule " + ruleId + ": " + problem.message());
    this.problem = problem;
  }

  public QueryProblem problem() {
    return problem;
  }
}
