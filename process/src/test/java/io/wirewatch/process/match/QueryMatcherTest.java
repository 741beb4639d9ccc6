package io.wirewatch.process.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.junit.jupiter.api.Test;

/** The engine itself; what rules and categories make of it is tested in their packages. */
class QueryMatcherTest {

  @Test
  void aLargeLoadIsMergedIntoOneSegmentAndEveryQueryStillMatches() throws Exception {
    // More queries than the Monitor commits at once, so the load leaves several segments unless merged.
    try (QueryMatcher<String> matcher = new QueryMatcher<>()) {
      for (int i = 0; i < 6_000; i++) {
        matcher.put("w" + i, word(i), "w" + i);
      }
      matcher.flush();
      assertThat(matcher.indexSegments()).isEqualTo(1);
      for (int i : new int[] {0, 4_999, 5_000, 5_999}) {
        assertThat(TestQueries.ids(matcher, "", "a " + word(i) + " b")).containsExactly("w" + i);
      }
      // A few changes later: no merge (it costs the whole index), and the changes are live.
      matcher.put("w0", "other", "w0");
      matcher.remove("w1");
      assertThat(matcher.indexSegments()).isGreaterThan(1);
      assertThat(TestQueries.ids(matcher, "", "zz0q zz1q other")).containsExactly("w0");
    }
  }

  private static String word(int i) {
    return "zz" + Integer.toString(i, 36) + "q";
  }

  @Test
  void aQueryThatFailsWhileMatchingIsReportedAndTheOthersStillMatch() {
    try (QueryMatcher<String> matcher = TestQueries.matcher("a", "sanctions", "z", "\"liaison office\"")) {
      matcher.putParsed("broken", new FailingQuery(new Term(NewsQueryParser.TEXT, "sanction")), "broken");
      MatchResult<String> found = matcher.match("", "New sanctions; the liaison office closed.", QueryMatcher.Detail.SNIPPETS);
      assertThat(found.matches()).extracting(MatchedQuery::id).containsExactly("a", "z");
      assertThat(found.failures()).singleElement().satisfies(e -> {
        assertThat(e.id()).isEqualTo("broken");
        assertThat(e.reason()).contains("failed while matching").contains("index went away");
      });
      // An article without the query's word never runs it, so nothing fails.
      assertThat(matcher.match("", "the liaison office", QueryMatcher.Detail.SNIPPETS).failures()).isEmpty();
    }
  }

  @Test
  void termsDetailCountsHitsWithoutCuttingSnippets() {
    try (QueryMatcher<String> matcher = TestQueries.matcher("s", "sanctions")) {
      MatchedQuery<String> m = matcher.match("Sanctions", "More sanctions.", QueryMatcher.Detail.TERMS)
          .matches().get(0);
      assertThat(m.snippet()).isNull();
      assertThat(m.hits()).isEqualTo(2);
      assertThat(m.terms()).containsExactly("sanctions");
      assertThat(matcher.match("Sanctions", "More sanctions.", QueryMatcher.Detail.SNIPPETS).matches().get(0)
          .snippet()).isEqualTo("More «sanctions».");
    }
  }

  @Test
  void aSnippetWithoutWordBoundariesIsCutAroundTheHit() {
    assertThat(MatchDescriber.snippet("无空格".repeat(80) + "ab" + "无空格".repeat(80),
        new HighlightsMatch.Hit(0, 240, 1, 242))).contains("«ab»");
  }

  @Test
  void aQueryThatDoesNotParseChangesNothing() {
    try (QueryMatcher<String> matcher = TestQueries.matcher("q", "sanctions")) {
      assertThat(matcher.put("q", "(unbalanced", "q2")).hasValueSatisfying(e -> {
        assertThat(e.id()).isEqualTo("q");
        assertThat(e.reason()).startsWith("query '(unbalanced' does not parse: ");
      });
      assertThat(matcher.get("q")).contains("q");
      assertThat(matcher.all()).containsExactly("q");
    }
  }

  /** A query the presearcher files under one word, whose check throws, as a broken query would. */
  private static final class FailingQuery extends Query {
    private final Term term;

    FailingQuery(Term term) {
      this.term = term;
    }

    @Override
    public void visit(QueryVisitor visitor) {
      visitor.consumeTerms(this, term);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
      throw new IOException("index went away");
    }

    @Override
    public String toString(String field) {
      return "failing(" + term + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FailingQuery f && f.term.equals(term);
    }

    @Override
    public int hashCode() {
      return term.hashCode();
    }
  }
}
