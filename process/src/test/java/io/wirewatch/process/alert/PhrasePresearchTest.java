package io.wirewatch.process.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasePresearchTest {

  @Test
  void aPhraseRuleIsNotACandidateWhenItsWordsAreApart() {
    try (RuleMatcher matcher = new RuleMatcher(List.of(new Rule("p", "\"liaison office\"")))) {
      RuleMatcher.Result apart = matcher.matchDetailed("", "The office of the liaison team closed.");
      assertThat(apart.candidates()).isZero();
      assertThat(apart.matches()).isEmpty();
      RuleMatcher.Result together = matcher.matchDetailed("", "Staff left the Liaison Offices, officials said.");
      assertThat(together.candidates()).isEqualTo(1);
      assertThat(together.matches()).extracting(m -> m.rule().id()).containsExactly("p");
    }
  }

  @Test
  void longerPhrasesNeedEveryPairAndTitlePhrasesLookInTheHeadline() {
    try (RuleMatcher matcher = new RuleMatcher(List.of(
        new Rule("three", "\"inter korean liaison\""), new Rule("title", "title:\"liaison office\"")))) {
      assertThat(matcher.matchDetailed("", "inter korean talks; korean and liaison").candidates()).isZero();
      assertThat(matcher.match("", "the inter-Korean liaison office")).extracting(m -> m.rule().id())
          .containsExactly("three");
      assertThat(matcher.matchDetailed("Talks", "the liaison office").candidates()).isZero();
      assertThat(matcher.match("Liaison office shut", "")).extracting(m -> m.rule().id()).containsExactly("title");
    }
  }

  @Test
  void proximityAndPhrasesWithinBooleansStillMatch() {
    try (RuleMatcher matcher = new RuleMatcher(List.of(
        new Rule("near", "\"liaison office\"~3"), new Rule("bool", "sanctions AND NOT \"liaison office\""),
        new Rule("or", "\"asset freeze\" OR embargo")))) {
      assertThat(matcher.match("", "the liaison joint office; new sanctions; an asset freeze"))
          .extracting(m -> m.rule().id()).containsExactly("bool", "near", "or");
      assertThat(matcher.match("", "the liaison office; new sanctions")).extracting(m -> m.rule().id())
          .containsExactly("near");
    }
  }

  @Test
  void aProximityRuleIsACandidateOnlyWhenItsWordsAreWithinReach() {
    try (RuleMatcher matcher = new RuleMatcher(List.of(new Rule("near", "\"liaison office\"~3")))) {
      // proximity pairs reach 6 positions apart (the largest slop handled, 5, plus one)
      assertThat(matcher.matchDetailed("", "the office was closed early and then the liaison went home").candidates()).isZero();
      assertThat(matcher.match("", "the liaison of the joint office")).extracting(m -> m.rule().id()).containsExactly("near");
      RuleMatcher.Result reversedTooFar = matcher.matchDetailed("", "the office, with a liaison");
      assertThat(reversedTooFar.candidates()).isEqualTo(1); // within the window, but Lucene's measure says no
      assertThat(reversedTooFar.matches()).isEmpty();
    }
  }

  @Test
  void nearPairsAreWrittenWithinTheWindowAndOnlyWhenSomeRuleUsesThem() throws Exception {
    PhrasePresearch presearch = new PhrasePresearch();
    RuleMatcher parser = new RuleMatcher();
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
    try (var ts = presearch.nearFilter(new AnalyzedText(NewsAnalyzer.create(), RuleMatcher.TEXT, text).stream())) {
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
