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
  void signatureIsStableAcrossRuns() {
    // Stored in the state and compared after a restore: the hash must not depend on the JVM.
    assertThat(sig("liaison office staff withdrawn")).isEqualTo(sig("liaison office staff withdrawn"));
    assertThat(sig("liaison office staff withdrawn")[0]).isEqualTo(MinHash.signature(
        new String[] {"liaison", "office", "staff", "withdrawn"}, 4)[0]);
  }

  @Test
  void emptyTextsAreNotDuplicates() {
    assertThat(MinHash.jaccard(sig(""), sig(""))).isZero();
  }
}
