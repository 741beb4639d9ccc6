package io.wirewatch.process.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;

/**
 * The one analysis chain applied to both rules and articles, so that a rule means the same thing
 * on both sides.
 *
 * <ol>
 *   <li>{@code standard} tokenizer: Unicode word boundaries, so "sanctions," and "sanctions." are
 *       the word "sanctions";
 *   <li>{@code lowercase}: analysts should not have to think about case;
 *   <li>{@code asciiFolding}: "Pyongyang" matches "Pyŏngyang", "resume" matches "résumé";
 *   <li>{@code englishMinimalStem}: only plural to singular ("sanctions" = "sanction", "offices" =
 *       "office"). A full stemmer (Porter) would also make "organization" match "organ" and
 *       "news" match "new": alerts must not fire on words the analyst did not write.
 * </ol>
 * No stop words are removed, so phrases keep their exact word positions.
 *
 * <p>An article's {@code text} field holds the headline and the body as two values; a gap of
 * {@value #VALUE_GAP} positions between them keeps a phrase or proximity rule from joining the
 * last words of the headline to the first words of the body.
 */
public final class NewsAnalyzer {

  static final int VALUE_GAP = 100;

  private NewsAnalyzer() {}

  public static Analyzer create() {
    try {
      return CustomAnalyzer.builder()
          .withTokenizer("standard")
          .addTokenFilter("lowercase")
          .addTokenFilter("asciiFolding")
          .addTokenFilter("englishMinimalStem")
          .withPositionIncrementGap(VALUE_GAP)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("the built-in analysis factories are always on the classpath", e);
    }
  }
}
