package io.wirewatch.process.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** Each distinct word once: a long text repeats its words, and one object per word read cost
   *  about 100 bytes a word (a 4 MB page of text held 60 MB here). */
  private final List<String> words = new ArrayList<>();
  /** Per token read: word id, position increment, start offset, end offset. */
  private int[] tokens = new int[4 * 256];
  private int size;
  private final int finalOffset;

  AnalyzedText(Analyzer analyzer, String field, String text) {
    Map<String, Integer> wordIds = new HashMap<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String word = term.toString();
        Integer id = wordIds.get(word);
        if (id == null) {
          id = words.size();
          words.add(word);
          wordIds.put(word, id);
        }
        if (4 * size + 4 > tokens.length) {
          tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        int at = 4 * size++;
        tokens[at] = id;
        tokens[at + 1] = increment.getPositionIncrement();
        tokens[at + 2] = offset.startOffset();
        tokens[at + 3] = offset.endOffset();
      }
      ts.end();
      finalOffset = offset.endOffset();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing text in memory failed", e);
    }
  }

  /** Whether the analysis found no word at all (a headline of dashes, say). */
  boolean isEmpty() {
    return size == 0;
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
        if (next == size) {
          return false;
        }
        clearAttributes();
        int at = 4 * next++;
        term.setEmpty().append(words.get(tokens[at]));
        increment.setPositionIncrement(tokens[at + 1]);
        offset.setOffset(tokens[at + 2], tokens[at + 3]);
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
