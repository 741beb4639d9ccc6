package io.wirewatch.process.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.monitor.HighlightsMatch;

/**
 * Turns where the queries hit one article into what a reader needs: the words that matched, how
 * often, and (for alerts) a snippet around the first hit. Many queries match the same words of an
 * article, so each snippet and each matched word is cut out once per article and shared; the
 * categories ask for {@link QueryMatcher.Detail#TERMS} and never pay for snippets.
 */
final class MatchDescriber {

  /** Characters of context on each side of the first match in a snippet. */
  private static final int SNIPPET_CONTEXT = 90;

  private final String title;
  private final String text;
  private final int bodyStart;
  private final Map<Long, String> titleSnippets = new HashMap<>();
  private final Map<Long, String> textSnippets = new HashMap<>();
  private final Map<Long, String> titleWords = new HashMap<>();
  private final Map<Long, String> textWords = new HashMap<>();

  MatchDescriber(ArticleDocument article) {
    this.title = article.title;
    this.text = article.text;
    this.bodyStart = article.bodyStart;
  }

  /** Where {@code query}'s hits are, as terms, a count and (with snippets) a snippet. */
  <T> MatchedQuery<T> describe(String id, T payload, QueryHits m, QueryMatcher.Detail detail) {
    Collection<HighlightsMatch.Hit> titleField = m.hits(NewsQueryParser.TITLE);
    List<HighlightsMatch.Hit> titleHits = new ArrayList<>(titleField);
    List<HighlightsMatch.Hit> textHits = new ArrayList<>();
    boolean titleInText = false;
    for (HighlightsMatch.Hit h : m.hits(NewsQueryParser.TEXT)) {
      if (h.startOffset < bodyStart) {
        // Cut at the end of the headline: a proximity match of a repeated word can run past it.
        titleHits.add(h.endOffset <= title.length()
            ? h : new HighlightsMatch.Hit(h.startPosition, h.startOffset, h.endPosition, title.length()));
        titleInText = true;
      } else {
        textHits.add(new HighlightsMatch.Hit(
            h.startPosition, h.startOffset - bodyStart, h.endPosition, h.endOffset - bodyStart));
      }
    }
    if (titleInText && !titleField.isEmpty()) {
      titleHits = sorted(new TreeSet<>(titleHits));
    }
    Set<String> terms = new LinkedHashSet<>();
    titleHits.forEach(h -> terms.add(titleWords.computeIfAbsent(key(h), k -> slice(title, h))));
    textHits.forEach(h -> terms.add(textWords.computeIfAbsent(key(h), k -> slice(text, h))));
    int hits = Math.max(1, occurrences(titleHits) + occurrences(textHits));
    if (detail == QueryMatcher.Detail.TERMS) {
      return new MatchedQuery<>(id, payload, List.copyOf(terms), null, hits);
    }
    String snippet;
    if (!textHits.isEmpty()) {
      HighlightsMatch.Hit first = textHits.get(0);
      snippet = textSnippets.computeIfAbsent(key(first), k -> snippet(text, first));
    } else if (!titleHits.isEmpty()) {
      HighlightsMatch.Hit first = titleHits.get(0);
      snippet = titleSnippets.computeIfAbsent(key(first), k -> snippet(title, first));
    } else {
      snippet = snippet(title, null);
    }
    return new MatchedQuery<>(id, payload, List.copyOf(terms), snippet, hits);
  }

  private static long key(HighlightsMatch.Hit h) {
    return ((long) h.startOffset << 32) | (h.endOffset & 0xffffffffL);
  }

  /**
   * How many times a query matched in one field. A phrase or proximity match is one hit from its
   * first word to its last, so {@code "asset freeze"} found twice is 2; hits on adjacent or
   * overlapping positions count once, so two different terms of an OR query written next to each
   * other count once.
   *
   * @param hits sorted by position, as {@link #sorted} returns them
   */
  static int occurrences(List<HighlightsMatch.Hit> hits) {
    int count = 0;
    int lastEnd = Integer.MIN_VALUE;
    for (HighlightsMatch.Hit h : hits) {
      if (lastEnd == Integer.MIN_VALUE || h.startPosition > lastEnd + 1) {
        count++;
      }
      lastEnd = Math.max(lastEnd, h.endPosition);
    }
    return count;
  }

  private static List<HighlightsMatch.Hit> sorted(Collection<HighlightsMatch.Hit> hits) {
    List<HighlightsMatch.Hit> l = new ArrayList<>(hits == null ? List.of() : hits);
    l.sort(Comparator.naturalOrder());
    return l;
  }

  private static String slice(String s, HighlightsMatch.Hit h) {
    return s.substring(Math.max(0, h.startOffset), Math.min(s.length(), h.endOffset)).toLowerCase(Locale.ROOT);
  }

  static String snippet(String s, HighlightsMatch.Hit h) {
    if (h == null || h.startOffset < 0) {
      return s.length() <= 2 * SNIPPET_CONTEXT ? s : s.substring(0, 2 * SNIPPET_CONTEXT) + "…";
    }
    int start = Math.max(0, h.startOffset - SNIPPET_CONTEXT);
    int end = Math.min(s.length(), h.endOffset + SNIPPET_CONTEXT);
    // Cut at word boundaries so the snippet does not open or close mid-word.
    // Bounded by the hit itself: text without spaces (Chinese, Japanese) has no word boundary.
    while (start > 0 && start < h.startOffset && !Character.isWhitespace(s.charAt(start - 1))) {
      start++;
    }
    while (end < s.length() && end > h.endOffset && !Character.isWhitespace(s.charAt(end))) {
      end--;
    }
    start = Math.min(start, h.startOffset);
    end = Math.max(end, h.endOffset);
    // One line: a snippet that crosses a paragraph break is still read as one piece.
    OneLine line = new OneLine(end - start + 4);
    if (start > 0) {
      line.mark('…');
    }
    line.text(s, start, h.startOffset);
    line.mark('«');
    line.text(s, h.startOffset, h.endOffset);
    line.mark('»');
    line.text(s, h.endOffset, end);
    if (end < s.length()) {
      line.mark('…');
    }
    return line.toString();
  }

  /**
   * Builds one line from pieces, each run of whitespace as one space and none at either end. By
   * hand, copying whole words, because it runs for every match of every article.
   */
  private static final class OneLine {
    private final StringBuilder sb;
    private boolean space;

    OneLine(int capacity) {
      sb = new StringBuilder(capacity);
    }

    void text(String s, int from, int to) {
      int i = from;
      while (i < to) {
        if (Character.isWhitespace(s.charAt(i))) {
          space = true;
          i++;
          continue;
        }
        int stop = i + 1;
        while (stop < to && !Character.isWhitespace(s.charAt(stop))) {
          stop++;
        }
        separate();
        sb.append(s, i, stop);
        i = stop;
      }
    }

    void mark(char c) {
      separate();
      sb.append(c);
    }

    private void separate() {
      if (space && sb.length() > 0) {
        sb.append(' ');
      }
      space = false;
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
