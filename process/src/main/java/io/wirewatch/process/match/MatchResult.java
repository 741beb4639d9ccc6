package io.wirewatch.process.match;

import java.util.List;

/**
 * What matching one article found.
 *
 * @param matches    the queries that matched, sorted by id
 * @param candidates queries the presearcher selected and the matcher had to check
 * @param failures   queries that threw while being checked against this article: they did not
 *                   match it, and the caller decides how to report them
 */
public record MatchResult<T>(List<MatchedQuery<T>> matches, int candidates, List<QueryError> failures) {

  public MatchResult {
    matches = List.copyOf(matches);
    failures = List.copyOf(failures);
  }
}
