package io.wirewatch.process.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleBookTest {

  private RuleBook matcher;

  private List<String> matching(String title, String text, Rule... rules) {
    matcher = new RuleBook(List.of(rules));
    return matcher.match(title, text).stream().map(m -> m.rule().id()).toList();
  }

  @AfterEach
  void close() {
    if (matcher != null) {
      matcher.close();
    }
  }

  @Test
  void termMatchesIgnoringCaseAndPlural() {
    Rule r = new Rule("sanctions", "sanctions");
    assertThat(matching("", "New SANCTIONS were announced.", r)).containsExactly("sanctions");
    assertThat(matching("", "The ministry will sanction exporters.", r)).containsExactly("sanctions");
    assertThat(matching("Sanction threat", "", r)).containsExactly("sanctions");
  }

  @Test
  void termDoesNotMatchOtherWordsWithTheSameStem() {
    Rule r = new Rule("sanctions", "sanctions");
    assertThat(matching("", "The ceremony was sanctioned by the church? No: it was sanctimonious.", r)).isEmpty();
  }

  @Test
  void phraseNeedsAdjacentWordsInOrder() {
    Rule r = new Rule("liaison", "\"liaison office\"");
    assertThat(matching("", "Staff left the Liaison Office in Kaesong.", r)).containsExactly("liaison");
    assertThat(matching("", "The joint liaison offices reopened.", r)).containsExactly("liaison");
    assertThat(matching("", "The office of the liaison officer was closed.", r)).isEmpty();
    assertThat(matching("", "A liaison was set up; the office opened later.", r)).isEmpty();
  }

  @Test
  void proximityAllowsWordsBetween() {
    Rule r = new Rule("near", "\"liaison office\"~3");
    assertThat(matching("", "the liaison joint office", r)).containsExactly("near");
    assertThat(matching("", "the liaison team moved into a brand new shiny office", r)).isEmpty();
  }

  @Test
  void accentsAreFolded() {
    Rule r = new Rule("pyongyang", "pyongyang");
    assertThat(matching("", "Talks in Pyŏngyang resumed.", r)).containsExactly("pyongyang");
  }

  @Test
  void wordsWithoutOperatorAreAllRequired() {
    Rule r = new Rule("both", "sanctions korea");
    assertThat(matching("", "Sanctions on Korea.", r)).containsExactly("both");
    assertThat(matching("", "Sanctions on Iran.", r)).isEmpty();
  }

  @Test
  void booleanOperatorsAndFieldScope() {
    Rule r = new Rule("r", "title:sanctions AND NOT sport");
    assertThat(matching("Sanctions widen", "Shipping firms are named.", r)).containsExactly("r");
    assertThat(matching("Shipping firms named", "Sanctions widen.", r)).isEmpty();
    assertThat(matching("Sanctions widen", "The sport federation is named.", r)).isEmpty();
  }

  @Test
  void badQueryIsRejectedWithReasonAndOthersStillMatch() {
    matcher = new RuleBook(List.of(new Rule("broken", "\"unclosed phrase"), new Rule("ok", "sanctions")));
    assertThat(matcher.errors()).singleElement().satisfies(e -> {
      assertThat(e.ruleId()).isEqualTo("broken");
      assertThat(e.reason()).contains("does not parse");
    });
    assertThat(matcher.rules()).extracting(Rule::id).containsExactly("ok");
    assertThat(matcher.match("", "new sanctions")).extracting(m -> m.rule().id()).containsExactly("ok");
  }

  @Test
  void duplicateIdKeepsFirst() {
    matcher = new RuleBook(List.of(new Rule("a", "sanctions"), new Rule("a", "embargo")));
    assertThat(matcher.errors()).extracting(RuleError::ruleId).containsExactly("a");
    assertThat(matcher.match("", "an embargo")).isEmpty();
  }

  @Test
  void matchReportsTermsAsWrittenLowercasedAndMarksSnippet() {
    matcher = new RuleBook(List.of(new Rule("liaison", "\"liaison office\"")));
    String text = "North Korea withdrew its personnel on Friday from the Liaison Office it runs with the South.";
    RuleMatch m = matcher.match("Withdrawal", text).get(0);
    assertThat(m.terms()).containsExactly("liaison office");
    assertThat(m.snippet()).contains("«Liaison Office»").contains("withdrew its personnel");
  }

  @Test
  void snippetIsOneLineAndElidedAtBothEnds() {
    matcher = new RuleBook(List.of(new Rule("s", "sanctions")));
    String text = "word ".repeat(60) + "\n\nNew sanctions today.\n\n" + "more ".repeat(60);
    String snippet = matcher.match("", text).get(0).snippet();
    assertThat(snippet).startsWith("…").endsWith("…").doesNotContain("\n").contains("New «sanctions» today.");
  }

  @Test
  void rulesCanBeAddedReplacedDisabledAndRemovedAtRunTime() {
    matcher = new RuleBook();
    assertThat(matcher.match("", "new sanctions")).isEmpty();
    assertThat(matcher.put(new Rule("r", "sanctions"))).isEmpty();
    assertThat(matcher.match("", "new sanctions")).extracting(m -> m.rule().id()).containsExactly("r");
    matcher.put(new Rule("r", "embargo"));
    assertThat(matcher.match("", "new sanctions")).isEmpty();
    assertThat(matcher.match("", "an embargo")).extracting(m -> m.rule().version()).containsExactly(0L);
    matcher.put(new Rule("r", "embargo", null, null, false, null, null, 2));
    assertThat(matcher.match("", "an embargo")).isEmpty();
    matcher.put(new Rule("r", "embargo").withVersion(3));
    assertThat(matcher.match("", "an embargo")).extracting(m -> m.rule().version()).containsExactly(3L);
    matcher.remove("r");
    assertThat(matcher.match("", "an embargo")).isEmpty();
    assertThat(matcher.rules()).isEmpty();
  }

  @Test
  void aBurstOfChangesEndsInTheStateOfTheLastChangeOfEachRule() {
    matcher = new RuleBook(List.of(new Rule("kept", "sanctions"), new Rule("gone", "sanctions")));
    matcher.put(new Rule("a", "sanctions"));
    matcher.remove("a");
    matcher.remove("gone");
    matcher.put(new Rule("b", "sanctions"));
    matcher.put(new Rule("b", "embargo").withVersion(7));
    matcher.remove("c");
    matcher.put(new Rule("c", "embargo"));
    matcher.put(new Rule("d", "embargo", null, null, false, null, null, 0));
    assertThat(matcher.match("", "sanctions and an embargo")).extracting(m -> m.rule().id() + "@" + m.rule().version())
        .containsExactly("b@7", "c@0", "kept@0");
    assertThat(matcher.rules()).extracting(Rule::id).containsExactly("b", "c", "kept");
  }

  @Test
  void aLoadThatFailsStopsTheIndexThreadsItStarted() throws Exception {
    Set<Thread> before = purgeThreads();
    Collection<Rule> failing = new java.util.AbstractList<Rule>() {
      @Override
      public Rule get(int i) {
        if (i == 1) {
          throw new IllegalStateException("rules source broke");
        }
        return new Rule("r" + i, "sanctions");
      }

      @Override
      public int size() {
        return 2;
      }
    };
    assertThatThrownBy(() -> new RuleBook(failing)).hasMessageContaining("rules source broke");
    // A live purge thread is not a daemon: it would keep a failed command's JVM from exiting.
    long deadline = System.nanoTime() + 5_000_000_000L;
    Set<Thread> started = purgeThreads();
    started.removeAll(before);
    while (!started.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      started.removeIf(t -> !t.isAlive());
    }
    assertThat(started).isEmpty();
  }

  private static Set<Thread> purgeThreads() {
    Set<Thread> out = new java.util.HashSet<>();
    Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("cache-purge") && t.isAlive()).forEach(out::add);
    return out;
  }

  @Test
  void aBadReplacementKeepsThePreviousVersionActive() {
    matcher = new RuleBook(List.of(new Rule("r", "sanctions")));
    assertThat(matcher.put(new Rule("r", "(unbalanced"))).hasValueSatisfying(e ->
        assertThat(e.reason()).contains("does not parse"));
    assertThat(matcher.match("", "new sanctions")).extracting(m -> m.rule().query()).containsExactly("sanctions");
  }

  @Test
  void checkReportsWithoutLoading() {
    matcher = new RuleBook();
    assertThat(matcher.check(new Rule("bad", "title:(a OR"))).isPresent();
    assertThat(matcher.check(new Rule("ok", "a OR b"))).isEmpty();
    assertThat(matcher.rules()).isEmpty();
  }

  private int hits(String query, String title, String text) {
    matcher = new RuleBook(List.of(new Rule("r", query)));
    List<RuleMatch> found = matcher.match(title, text);
    matcher.close();
    matcher = null;
    return found.isEmpty() ? 0 : found.get(0).hits();
  }

  @Test
  void hitsCountEachOccurrenceInTitleAndText() {
    assertThat(hits("sanctions", "New sanctions", "The sanctions widen. A sanction on shipping.")).isEqualTo(3);
    assertThat(hits("sanctions", "", "One sanction only.")).isEqualTo(1);
    assertThat(hits("embargo OR blockade", "", "An embargo, then a blockade, then another embargo.")).isEqualTo(3);
    assertThat(hits("sanctions", "", "No such word here.")).isZero();
  }

  @Test
  void aPhraseCountsOncePerOccurrenceNotOncePerWord() {
    assertThat(hits("\"asset freeze\"", "", "An asset freeze was ordered.")).isEqualTo(1);
    assertThat(hits("\"asset freeze\"", "Asset freeze", "The asset freeze, the second asset freeze this year."))
        .isEqualTo(3);
  }

  @Test
  void snippetOfTextWithoutSpacesDoesNotFail() {
    matcher = new RuleBook(List.of(new Rule("r", "sanctions")));
    String text = "x".repeat(300) + " sanctions " + "y".repeat(300);
    assertThat(matcher.match("", text).get(0).snippet()).contains("«sanctions»");
    String cjk = "朝鲜".repeat(100) + "sanctions" + "韩国".repeat(100);
    // The tokenizer splits ideographs from Latin words, so it matches; the snippet has no word boundary to find.
    assertThat(matcher.match("", cjk).get(0).snippet()).contains("«sanctions»");
  }

  @Test
  void aPhraseDoesNotRunFromTheHeadlineIntoTheBody() {
    Rule phrase = new Rule("p", "\"office staff\"");
    Rule near = new Rule("n", "\"office staff\"~3");
    assertThat(matching("Pyongyang closes liaison office", "Staff were withdrawn on Friday.", phrase, near)).isEmpty();
    assertThat(matching("Liaison office staff withdrawn", "", phrase, near)).containsExactly("n", "p");
  }

  @Test
  void hitsInTheBodyAreLocatedInTheBodyAndHitsInTheHeadlineInTheHeadline() {
    matcher = new RuleBook(List.of(new Rule("r", "sanctions")));
    RuleMatch inBody = matcher.match("  Talks — stalled  ", "Washington added sanctions on Friday.").get(0);
    assertThat(inBody.snippet()).isEqualTo("Washington added «sanctions» on Friday.");
    RuleMatch inTitle = matcher.match("New sanctions on Pyongyang", "Staff left the office.").get(0);
    assertThat(inTitle.snippet()).isEqualTo("New «sanctions» on Pyongyang");
    // A headline with no word at all is not indexed, and the body's offsets start at 0.
    RuleMatch noWords = matcher.match("— …", "Sanctions widen.").get(0);
    assertThat(noWords.snippet()).isEqualTo("«Sanctions» widen.");
    assertThat(noWords.terms()).containsExactly("sanctions");
  }

  @Test
  void titleScopeMatchesTheHeadlineOnly() {
    Rule r = new Rule("t", "title:sanctions");
    assertThat(matching("Sanctions widen", "", r)).containsExactly("t");
    assertThat(matching("Talks stall", "New sanctions were announced.", r)).isEmpty();
  }

  @Test
  void snippetCollapsesWhitespaceAroundTheMarks() {
    matcher = new RuleBook(List.of(new Rule("s", "\"new sanctions\"")));
    String snippet = matcher.match("", "  Officials\t said:\n\n new \n sanctions \r\n follow.  ").get(0).snippet();
    assertThat(snippet).isEqualTo("Officials said: «new sanctions» follow.");
  }
}
