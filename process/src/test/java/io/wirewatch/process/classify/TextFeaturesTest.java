package io.wirewatch.process.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextFeaturesTest {

  private final TextFeatures features = new TextFeatures(20);

  @Test
  void wordsAreLowercasedAndStemmed() {
    assertThat(TextFeatures.tokens("Stocks stocked STOCK")).containsExactly("stock", "stock", "stock");
  }

  @Test
  void punctuationIsATokenThatKeepsItsSpacing() {
    assertThat(TextFeatures.tokens("LONDON - High-tech shares (Reuters) rose 5.6%."))
        .containsExactly("london", " - ", "high", "-", "tech", "share", " (", "reuter", ") ", "rose", "5", ".", "6", "%. ");
  }

  @Test
  void punctuationChangesTheFeaturesAndCaseDoesNot() {
    SparseVector plain = features.counts("", "the us said");
    assertThat(features.counts("", "The US SAID").indices()).containsExactly(plain.indices());
    SparseVector dashed = features.counts("", "the us - said");
    SparseVector hyphened = features.counts("", "the us-said");
    assertThat(dashed.size()).isEqualTo(plain.size() + 2); // one more token, and "us -", "- said" for "us said"
    assertThat(dashed.indices()).isNotEqualTo(hyphened.indices());
  }

  @Test
  void headlineTokensAreCountedTwice() {
    SparseVector inText = features.counts("", "sanctions");
    SparseVector inTitle = features.counts("sanctions", "");
    assertThat(inText.size()).isEqualTo(1);
    assertThat(inTitle.size()).isEqualTo(2);
    assertThat(inTitle.indices()).contains(inText.indices()[0]);
  }

  @Test
  void rejectsBitsOutOfRange() {
    assertThatThrownBy(() -> new TextFeatures(HashedFeatures.MAX_BITS + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits");
  }
}
