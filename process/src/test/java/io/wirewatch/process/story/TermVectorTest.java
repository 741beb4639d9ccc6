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
    return TermVector.of(t, w);
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

    assertThat(sum.terms()).containsExactly("b", "c", "d"); // b=6, d=3, then c=2 and e=2 tie: c, by term
    assertThat(sum).isEqualTo(b.plus(a, 3));
  }

  @Test
  void tiesAreBrokenByTerm() {
    TermVector a = v("x", "1", "y", "1", "z", "1");
    assertThat(a.top(2).terms()).containsExactly("x", "y");
    assertThat(a.termsByWeight(3)).containsExactly("x", "y", "z");
  }
}
