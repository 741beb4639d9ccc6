package io.wirewatch.process.match;

import java.util.List;

/** Matchers over queries written inline, each stored with its own id as payload. */
final class TestQueries {

  private TestQueries() {}

  /** {@code matcher("a", "sanctions", "b", "\"liaison office\"")}; every query must parse. */
  static QueryMatcher<String> matcher(String... idsAndQueries) {
    QueryMatcher<String> m = new QueryMatcher<>();
    for (int i = 0; i < idsAndQueries.length; i += 2) {
      String id = idsAndQueries[i];
      m.put(id, idsAndQueries[i + 1], id).ifPresent(e -> {
        throw new IllegalArgumentException(e.reason());
      });
    }
    return m;
  }

  /** Ids of the queries matching this headline and body, sorted. */
  static List<String> ids(QueryMatcher<String> m, String title, String text) {
    return m.match(title, text, QueryMatcher.Detail.SNIPPETS).matches().stream().map(MatchedQuery::id).toList();
  }

  static int candidates(QueryMatcher<String> m, String title, String text) {
    return m.match(title, text, QueryMatcher.Detail.SNIPPETS).candidates();
  }
}
