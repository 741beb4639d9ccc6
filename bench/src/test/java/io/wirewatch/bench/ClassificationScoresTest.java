package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationScoresTest {

  @Test
  void scoresCountMacroF1OverEveryLabel() {
    ClassificationScores s = new ClassificationScores(List.of("a", "b"));
    s.add("a", "a");
    s.add("a", "a");
    s.add("b", "a");
    s.add("b", "b");
    assertThat(s.accuracy()).isEqualTo(0.75);
    assertThat(s.f1("a")).isCloseTo(0.8, offset(1e-9)); // tp 2, fp 1, fn 0
    assertThat(s.f1("b")).isCloseTo(2.0 / 3, offset(1e-9)); // tp 1, fp 0, fn 1
    assertThat(s.macroF1()).isCloseTo((0.8 + 2.0 / 3) / 2, offset(1e-9));
  }
}
