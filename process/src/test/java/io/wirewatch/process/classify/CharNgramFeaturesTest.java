package io.wirewatch.process.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CharNgramFeaturesTest {

  private final CharNgramFeatures features = new CharNgramFeatures(20);

  @Test
  void aWordGivesEveryThreeToSixCharacterSliceOfItselfPadded() {
    // " goal " has 6 characters: 4 trigrams, 3 four-grams, 2 five-grams, 1 six-gram.
    assertThat(total(features.counts("", "goal"))).isEqualTo(10);
    // A one-letter word still gives its padded trigram " a ".
    assertThat(total(features.counts("", "a"))).isEqualTo(1);
  }

  @Test
  void caseAndSpacingDoNotMatterButWordBoundariesDo() {
    SparseVector plain = features.counts("", "late goal");
    assertThat(features.counts("", "  LATE\tGoal ").indices()).containsExactly(plain.indices());
    assertThat(features.counts("late goal", "").indices()).containsExactly(plain.indices());
    assertThat(features.counts("", "lategoal").indices()).isNotEqualTo(plain.indices());
  }

  @Test
  void relatedWordsShareMostOfTheirNgrams() {
    Set<Integer> goal = set(features.counts("", "goalkeeper"));
    Set<Integer> keeping = set(features.counts("", "goalkeeping"));
    Set<Integer> other = set(features.counts("", "parliament"));
    Set<Integer> shared = new HashSet<>(goal);
    shared.retainAll(keeping);
    assertThat(shared.size()).isGreaterThan(goal.size() / 2);
    shared = new HashSet<>(goal);
    shared.retainAll(other);
    assertThat(shared.size()).isLessThan(3);
  }

  @Test
  void emptyTextHasNoFeaturesAndBitsAreChecked() {
    assertThat(features.counts(null, " ").size()).isZero();
    assertThatThrownBy(() -> new CharNgramFeatures(40)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits");
  }

  private static int total(SparseVector v) {
    int n = 0;
    for (float c : v.values()) {
      n += (int) c;
    }
    return n;
  }

  private static Set<Integer> set(SparseVector v) {
    Set<Integer> s = new HashSet<>();
    for (int i : v.indices()) {
      s.add(i);
    }
    return s;
  }
}
