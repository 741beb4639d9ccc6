package io.wirewatch.process.match;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Turns a stream of words into pairs of words at most {@code window} positions apart. Ordered
 * pairs keep the words in text order ("liaison office"); unordered ones put them in alphabetical
 * order ("liaison|office"), so that one pair stands for both orders.
 *
 * <p>By hand because Lucene has no such filter: its shingles are runs of adjacent words, and
 * building every shingle only to drop most of them is what this filter exists to avoid. Only
 * the pairs some rule uses are written: a word no rule pairs is skipped at once, and a pair of
 * two such words is written only if {@code pairWanted} accepts it. Only the presearcher reads
 * these pairs (see {@link PhrasePresearch}).
 */
final class WordPairsFilter extends TokenFilter {

  private final int window;
  private final boolean ordered;
  private final String separator;
  private final Predicate<String> wordWanted;
  private final Predicate<String> pairWanted;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
  /** The last wanted words read, with their positions, oldest first. */
  private final ArrayDeque<Word> recent = new ArrayDeque<>();
  /** Pairs made with the latest word, still to be written. */
  private final List<String> pending = new ArrayList<>();
  private int position = -1;

  private record Word(String text, int position) {}

  WordPairsFilter(TokenStream input, int window, boolean ordered, String separator,
      Predicate<String> wordWanted, Predicate<String> pairWanted) {
    super(input);
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, got " + window);
    }
    this.window = window;
    this.ordered = ordered;
    this.separator = separator;
    this.wordWanted = wordWanted;
    this.pairWanted = pairWanted;
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (pending.isEmpty()) {
      if (!input.incrementToken()) {
        return false;
      }
      position += increment.getPositionIncrement();
      while (!recent.isEmpty() && position - recent.peekFirst().position() > window) {
        recent.pollFirst();
      }
      String word = term.toString();
      if (!wordWanted.test(word)) {
        continue;
      }
      for (Word earlier : recent) {
        if (earlier.position() != position) {
          String a = earlier.text();
          String pair = ordered || a.compareTo(word) <= 0 ? a + separator + word : word + separator + a;
          if (pairWanted.test(pair)) {
            pending.add(pair);
          }
        }
      }
      recent.addLast(new Word(word, position));
    }
    clearAttributes();
    term.setEmpty().append(pending.remove(pending.size() - 1));
    increment.setPositionIncrement(1);
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    recent.clear();
    pending.clear();
    position = -1;
  }
}
