package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusteringScoresTest {

  @Test
  void perfectClusteringScoresOneWhateverTheLabels() {
    ClusteringScores s = ClusteringScores.of(List.of("x", "x", "y", "z"), List.of("a", "a", "b", "c"));
    assertThat(s.b3F1()).isEqualTo(1.0);
    assertThat(s.pairF1()).isEqualTo(1.0);
    assertThat(s.nmi()).isCloseTo(1.0, within(1e-12));
    assertThat(s.ari()).isCloseTo(1.0, within(1e-12));
    assertThat(s.predictedClusters()).isEqualTo(3);
  }

  @Test
  void bCubedByHand() {
    // gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}
    ClusteringScores s = ClusteringScores.of(List.of("p", "p", "q", "q", "q"), List.of("a", "a", "a", "b", "b"));
    // precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    assertThat(s.b3Precision()).isCloseTo(11.0 / 15, within(1e-12));
    assertThat(s.b3Recall()).isCloseTo(11.0 / 15, within(1e-12));
    // pairs: predicted {12},{34,35,45}; gold {12,13,23},{45}; shared {12},{45}
    assertThat(s.pairPrecision()).isCloseTo(2.0 / 4, within(1e-12));
    assertThat(s.pairRecall()).isCloseTo(2.0 / 4, within(1e-12));
    // ARI: index 2, expected 4*4/10 = 1.6, max (4+4)/2 = 4 -> (2-1.6)/(4-1.6)
    assertThat(s.ari()).isCloseTo(0.4 / 2.4, within(1e-12));
  }

  @Test
  void everythingInOneClusterHasFullRecallAndChancePrecision() {
    ClusteringScores s = ClusteringScores.of(List.of("p", "p", "p", "p"), List.of("a", "a", "b", "b"));
    assertThat(s.b3Recall()).isEqualTo(1.0);
    assertThat(s.b3Precision()).isEqualTo(0.5);
    assertThat(s.nmi()).isEqualTo(0.0);
    assertThat(s.ari()).isCloseTo(0.0, within(1e-12));
  }
}
