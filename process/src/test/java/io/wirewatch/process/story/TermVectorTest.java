package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TermVectorTest {

  private static TermVector v(String... termsAndWeights) {
    String[] t = new String[termsAndWeights.length / 2];
    float[] w = new float[t.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = termsAndWeights[2 * i];
      w[i] = Float.parseFloat(termsAndWeights[2 * i + 1]);
    }
    return TermVector.sorted(t, w);
  }

  @Test
  void cosineMergesSortedTerms() {
    TermVector a = v("iran", "3", "quake", "4");
    TermVector b = v("chile", "1", "quake", "2");
    assertThat(a.dot(b)).isEqualTo(8.0);
    assertThat(a.cosine(b)).isCloseTo(8.0 / (5 * Math.sqrt(5)), within(1e-6));
    assertThat(a.cosine(TermVector.EMPTY)).isZero();
  }

  @Test
  void sumKeepsTheHeaviestTermsAndIsOrderIndependent() {
    TermVector a = v("a", "1", "b", "5", "c", "2");
    TermVector b = v("b", "1", "d", "3", "e", "2");

    TermVector sum = a.plus(b, 3);

    // b=6, d=3, then c=2 and e=2 tie: the first in term order (hash, then string) stays
    assertThat(sum.terms()).containsExactlyInAnyOrder("b", "c", "d");
    assertThat(sum).isEqualTo(b.plus(a, 3));
  }

  @Test
  void termsAreOrderedByHashThenStringAndFoundByThatOrder() {
    TermVector a = v("quake", "1", "iran", "2", "bushehr", "3", "37", "4");
    for (int i = 1; i < a.size(); i++) {
      assertThat(TermVector.ORDER.compare(a.terms()[i - 1], a.terms()[i])).isNegative();
    }
    assertThat(a.contains("bushehr")).isTrue();
    assertThat(a.weights()[a.indexOf("37")]).isEqualTo(4f);
    assertThat(a.contains("chile")).isFalse();
    assertThat(a.termsByWeight(2)).containsExactly("37", "bushehr");
  }

  @Test
  void tiesAreBrokenByTerm() {
    TermVector a = v("x", "1", "y", "1", "z", "1");
    assertThat(a.top(2).terms()).containsExactly("x", "y");
    assertThat(a.termsByWeight(3)).containsExactly("x", "y", "z");
  }
}
