package io.wirewatch.process.match;

import static io.wirewatch.process.match.TestQueries.candidates;
import static io.wirewatch.process.match.TestQueries.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasePresearchTest {

  private static MatchResult<String> match(QueryMatcher<String> m, String title, String text) {
    return m.match(title, text, QueryMatcher.Detail.SNIPPETS);
  }

  @Test
  void aPhraseRuleIsNotACandidateWhenItsWordsAreApart() {
    try (QueryMatcher<String> matcher = TestQueries.matcher("p", "\"liaison office\"")) {
      MatchResult<String> apart = match(matcher, "", "The office of the liaison team closed.");
      assertThat(apart.candidates()).isZero();
      assertThat(apart.matches()).isEmpty();
      MatchResult<String> together = match(matcher, "", "Staff left the Liaison Offices, officials said.");
      assertThat(together.candidates()).isEqualTo(1);
      assertThat(together.matches()).extracting(MatchedQuery::id).containsExactly("p");
    }
  }

  @Test
  void longerPhrasesNeedEveryPairAndTitlePhrasesLookInTheHeadline() {
    try (QueryMatcher<String> matcher = TestQueries.matcher(
        "three", "\"inter korean liaison\"", "title", "title:\"liaison office\"")) {
      assertThat(candidates(matcher, "", "inter korean talks; korean and liaison")).isZero();
      assertThat(ids(matcher, "", "the inter-Korean liaison office")).containsExactly("three");
      assertThat(candidates(matcher, "Talks", "the liaison office")).isZero();
      assertThat(ids(matcher, "Liaison office shut", "")).containsExactly("title");
    }
  }

  @Test
  void proximityAndPhrasesWithinBooleansStillMatch() {
    try (QueryMatcher<String> matcher = TestQueries.matcher(
        "near", "\"liaison office\"~3", "bool", "sanctions AND NOT \"liaison office\"",
        "or", "\"asset freeze\" OR embargo")) {
      assertThat(ids(matcher, "", "the liaison joint office; new sanctions; an asset freeze"))
          .containsExactly("bool", "near", "or");
      assertThat(ids(matcher, "", "the liaison office; new sanctions")).containsExactly("near");
    }
  }

  @Test
  void aProximityRuleIsACandidateOnlyWhenItsWordsAreWithinReach() {
    try (QueryMatcher<String> matcher = TestQueries.matcher("near", "\"liaison office\"~3")) {
      // proximity pairs reach 6 positions apart (the largest slop handled, 5, plus one)
      assertThat(candidates(matcher, "", "the office was closed early and then the liaison went home")).isZero();
      assertThat(ids(matcher, "", "the liaison of the joint office")).containsExactly("near");
      MatchResult<String> reversedTooFar = match(matcher, "", "the office, with a liaison");
      assertThat(reversedTooFar.candidates()).isEqualTo(1); // within the window, but Lucene's measure says no
      assertThat(reversedTooFar.matches()).isEmpty();
    }
  }

  @Test
  void nearPairsAreWrittenWithinTheWindowAndOnlyWhenSomeRuleUsesThem() throws Exception {
    PhrasePresearch presearch = new PhrasePresearch();
    NewsQueryParser parser = new NewsQueryParser();
    for (String rule : List.of("\"the liaison\"~2", "\"office the\"~5", "\"closed the\"~1", "\"office liaison\"~3",
        "\"closed liaison\"~4", "\"closed office\"~2", "\"closed liaison\"~5", "\"absent word\"~2")) {
      presearch.registered(rule, PhrasePresearch.markPhrases(parser.parse(rule)));
    }
    presearch.registered("gone", PhrasePresearch.markPhrases(parser.parse("\"liaison closed\"~3")));
    presearch.removed("gone"); // still wanted: "closed liaison" rules use the same pair
    presearch.registered("office-closed", PhrasePresearch.markPhrases(parser.parse("\"office closed\"~1")));
    presearch.registered("office-closed", PhrasePresearch.markPhrases(parser.parse("sanctions")));
    List<String> pairs = nearPairs(presearch, "The liaison office closed");
    // window 6: all six pairs of four words, since rules use each of them
    assertThat(pairs).containsExactlyInAnyOrder(
        "liaison|the", "office|the", "closed|the", "liaison|office", "closed|liaison", "closed|office");
    presearch.removed("\"closed office\"~2");
    presearch.removed("\"the liaison\"~2");
    pairs = nearPairs(presearch, "The liaison office closed");
    // no rule left for these two pairs ("office closed"~1 was replaced by a rule without a phrase)
    assertThat(pairs).containsExactlyInAnyOrder("office|the", "closed|the", "liaison|office", "closed|liaison");
  }

  private static List<String> nearPairs(PhrasePresearch presearch, String text) throws Exception {
    List<String> pairs = new java.util.ArrayList<>();
    try (var ts = presearch.nearFilter(new AnalyzedText(NewsAnalyzer.create(), NewsQueryParser.TEXT, text).stream())) {
      var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        pairs.add(term.toString());
      }
      ts.end();
    }
    return pairs;
  }
}
