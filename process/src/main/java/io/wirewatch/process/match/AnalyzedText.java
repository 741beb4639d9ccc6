package io.wirewatch.process.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text run through the analysis chain once, to be replayed into several fields: an article's
 * headline and body feed its {@code title} and {@code text} fields and the word-pair fields of
 * {@link PhrasePresearch}, and analysing the body once instead of three times is a third of the
 * cost of matching it against a few thousand rules. Lucene's {@code CachingTokenFilter} replays a stream too, but only while the
 * analyzer's reusable components are not handed to another field, which they are here.
 */
final class AnalyzedText {

  private final List<String> terms = new ArrayList<>();
  private final List<int[]> positions = new ArrayList<>(); // {increment, start offset, end offset}
  private final int finalOffset;

  AnalyzedText(Analyzer analyzer, String field, String text) {
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
        positions.add(new int[] {increment.getPositionIncrement(), offset.startOffset(), offset.endOffset()});
      }
      ts.end();
      finalOffset = offset.endOffset();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing text in memory failed", e);
    }
  }

  /** Whether the analysis found no word at all (a headline of dashes, say). */
  boolean isEmpty() {
    return terms.isEmpty();
  }

  /** The offset the analysis ended at: where the next value of the same field starts counting, before the gap. */
  int endOffset() {
    return finalOffset;
  }

  /** A new stream over the analysed words, as the analysis chain produced them. */
  TokenStream stream() {
    return new TokenStream() {
      private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
      private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
      private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
      private int next;

      @Override
      public boolean incrementToken() {
        if (next == terms.size()) {
          return false;
        }
        clearAttributes();
        int[] at = positions.get(next);
        term.setEmpty().append(terms.get(next));
        increment.setPositionIncrement(at[0]);
        offset.setOffset(at[1], at[2]);
        next++;
        return true;
      }

      @Override
      public void end() throws IOException {
        super.end();
        offset.setOffset(finalOffset, finalOffset);
      }

      @Override
      public void reset() throws IOException {
        super.reset();
        next = 0;
      }
    };
  }
}
