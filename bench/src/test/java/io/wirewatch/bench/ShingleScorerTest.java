package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShingleScorerTest {

  private final ShingleScorer scorer = new ShingleScorer();

  @Test
  void tokensAreWordRunsWithCaseKeptLikePythonsUnicodeW() {
    assertThat(ShingleScorer.tokens("Café au-lait, 2½ cups_of TEA!"))
        .containsExactly("Café", "au", "lait", "2½", "cups_of", "TEA");
  }

  @Test
  void identicalTextsAreExactAndPerfect() {
    ShingleScorer.Counts c = scorer.compare("one two three four five", "One, two... no: one two three four five");
    assertThat(c.exact()).isFalse();
    ShingleScorer.Counts same = scorer.compare("one two three four five", "one two, three four; five");
    assertThat(same.exact()).isTrue();
    assertThat(same.tp()).isEqualTo(1.0);
    assertThat(same.f1()).isEqualTo(1.0);
  }

  @Test
  void countsAreNormalisedBySumOfShingles() {
    // truth shingles: [a b c d], [b c d e]; predicted: [a b c d], [b c d x], [c d x y]
    ShingleScorer.Counts c = scorer.compare("a b c d e", "a b c d x y");
    assertThat(c.tp()).isCloseTo(1 / 4.0, within(1e-12));
    assertThat(c.fp()).isCloseTo(2 / 4.0, within(1e-12));
    assertThat(c.fn()).isCloseTo(1 / 4.0, within(1e-12));
  }

  @Test
  void repeatedShinglesCountAsAMultiset() {
    ShingleScorer.Counts c = scorer.compare("a b c d", "a b c d. a b c d");
    // predicted: [a b c d] x2, [b c d a], [c d a b], [d a b c]; one match
    assertThat(c.tp()).isCloseTo(1 / 5.0, within(1e-12));
    assertThat(c.fp()).isCloseTo(4 / 5.0, within(1e-12));
  }

  @Test
  void shortTextIsOneShortShingle() {
    assertThat(scorer.compare("hello world", "hello world").f1()).isEqualTo(1.0);
    assertThat(scorer.compare("hello world", "hello there").f1()).isEqualTo(0.0);
  }

  @Test
  void corpusScoreAveragesPerDocumentThenTakesHarmonicMean() {
    ShingleScorer.Counts perfect = scorer.compare("a b c d e", "a b c d e");
    ShingleScorer.Counts half = scorer.compare("a b c d e", "a b c d x y");
    ShingleScorer.Counts empty = scorer.compare("a b c d e", "");
    ShingleScorer.Score s = scorer.score(List.of(perfect, half, empty));
    // precision: empty prediction has tp+fp == 0 and is left out: (1 + 1/3) / 2
    assertThat(s.precision()).isCloseTo((1 + 1 / 3.0) / 2, within(1e-12));
    // recall: (1 + 1/2 + 0) / 3
    assertThat(s.recall()).isCloseTo(0.5, within(1e-12));
    double p = (1 + 1 / 3.0) / 2;
    assertThat(s.f1()).isCloseTo(2 * p * 0.5 / (p + 0.5), within(1e-12));
    assertThat(s.accuracy()).isCloseTo(1 / 3.0, within(1e-12));
  }
}
