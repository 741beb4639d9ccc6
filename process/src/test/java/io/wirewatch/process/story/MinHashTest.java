package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinHashTest {

  private final StoryAnalyzer analyzer = StoryAnalyzer.bundled();

  private int[] sig(String text) {
    return analyzer.analyze("", text).signature();
  }

  @Test
  void copyIsIdenticalRewriteIsCloseOtherStoryIsFar() {
    String wire = "A magnitude 6.1 earthquake struck near the port city of Bushehr in southern Iran on Tuesday, killing at "
        + "least 37 people and injuring hundreds, Iranian state television reported.";
    String rewrite = "(Reuters) - " + wire + " Rescue teams were sent from Shiraz.";
    String other = "A magnitude 8.8 earthquake struck off the coast of central Chile near Concepcion on Saturday, killing "
        + "at least 122 people and triggering a tsunami warning across the Pacific.";

    assertThat(MinHash.jaccard(sig(wire), sig(wire))).isEqualTo(1.0);
    assertThat(MinHash.jaccard(sig(wire), sig(rewrite))).isGreaterThan(0.6);
    assertThat(MinHash.jaccard(sig(wire), sig(other))).isLessThan(0.2);
  }

  @Test
  void signatureIsPinned() {
    // Signatures are stored in the state and compared after a restore, maybe by another version:
    // the hash must never change silently. These are its values for one shingle sequence.
    int[] sig = MinHash.signature(new String[] {"liaison", "office", "staff", "withdrawn"}, 4);
    assertThat(sig).hasSize(MinHash.SIZE);
    assertThat(new int[] {sig[0], sig[1], sig[31]}).containsExactly(1072205329, 1165564321, 720390272);
  }

  @Test
  void emptyTextsAreNotDuplicates() {
    assertThat(MinHash.jaccard(sig(""), sig(""))).isZero();
  }
}
