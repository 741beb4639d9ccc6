package io.wirewatch.process.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Finds where a matched rule's words are in an article, for the alert's terms and snippet.
 *
 * <p>Written by hand rather than with Lucene Monitor's highlighting matcher: that one computes
 * exact match spans for every candidate query, which at hundreds of thousands of rules costs more
 * than the matching itself. Here the article is tokenised once, only for articles that matched
 * something, and each matched rule looks up the offsets of its own positive words; adjacent words
 * are joined, so a phrase shows as one span. The rule has already been proven to match, so this
 * only has to show where, not decide whether.
 */
final class MatchHighlighter {

  /** What may stand between two words of one span: spaces and punctuation, no letters or digits. */
  private static final Pattern JOINER = Pattern.compile("[\\s\\p{P}]{1,3}");

  /** A rule's positive words, extracted once when the rule is loaded. */
  record RuleTerms(List<Term> terms, Set<Term> phraseOnly, List<Supplier<ByteRunAutomaton>> patterns,
      List<String> patternFields) {

    static RuleTerms of(Query query) {
      List<Term> terms = new ArrayList<>();
      Set<Term> single = new HashSet<>();
      List<Supplier<ByteRunAutomaton>> patterns = new ArrayList<>();
      List<String> patternFields = new ArrayList<>();
      query.visit(new QueryVisitor() {
        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
          // Words the article must NOT contain are never what made it match.
          return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
        }

        @Override
        public void consumeTerms(Query q, Term... ts) {
          terms.addAll(Arrays.asList(ts));
          // Words of an exact phrase show only as the phrase; words of a sloppy one may stand apart.
          if (!(q instanceof PhraseQuery pq && pq.getSlop() == 0)) {
            single.addAll(Arrays.asList(ts));
          }
        }

        @Override
        public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
          patterns.add(automaton);
          patternFields.add(field);
        }
      });
      // A word that only occurs inside phrases is shown only where the phrase is, not on its own.
      Set<Term> phraseOnly = new HashSet<>(terms);
      phraseOnly.removeAll(single);
      return new RuleTerms(List.copyOf(terms), Set.copyOf(phraseOnly), List.copyOf(patterns), List.copyOf(patternFields));
    }
  }

  /** One article's analysed words with their offsets, per field; built once per matched article. */
  static final class ArticleTerms {
    private final Map<String, Map<String, List<int[]>>> byField = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();

    ArticleTerms(Analyzer analyzer, Map<String, String> fields) {
      fields.forEach((field, text) -> {
        texts.put(field, text);
        Map<String, List<int[]>> offsets = new HashMap<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
          CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
          OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
          ts.reset();
          while (ts.incrementToken()) {
            offsets.computeIfAbsent(term.toString(), k -> new ArrayList<>())
                .add(new int[] {off.startOffset(), off.endOffset()});
          }
          ts.end();
        } catch (IOException e) {
          throw new UncheckedIOException("analysing an in-memory string cannot fail", e);
        }
        byField.put(field, offsets);
      });
    }

    String text(String field) {
      return texts.getOrDefault(field, "");
    }

    /** Offsets of the rule's words in {@code field}, sorted, adjacent words joined into one span. */
    List<int[]> spans(RuleTerms rule, String field) {
      Map<String, List<int[]>> offsets = byField.getOrDefault(field, Map.of());
      List<int[]> hits = new ArrayList<>();
      for (Term t : rule.terms()) {
        if (t.field().equals(field)) {
          int alone = rule.phraseOnly().contains(t) ? 0 : 1;
          offsets.getOrDefault(t.text(), List.of()).forEach(o -> hits.add(new int[] {o[0], o[1], alone}));
        }
      }
      for (int i = 0; i < rule.patterns().size(); i++) {
        if (rule.patternFields().get(i).equals(field)) {
          ByteRunAutomaton a = rule.patterns().get(i).get();
          offsets.forEach((word, where) -> {
            byte[] b = word.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (a.run(b, 0, b.length)) {
              where.forEach(o -> hits.add(new int[] {o[0], o[1], 1}));
            }
          });
        }
      }
      hits.sort(Comparator.comparingInt(h -> h[0]));
      String text = text(field);
      // span = {start, end, words joined, may stand alone (1) or only as part of a phrase (0)}
      List<int[]> spans = new ArrayList<>();
      for (int[] h : hits) {
        int[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (last != null && h[0] >= last[1] && JOINER.matcher(text.substring(last[1], h[0])).matches()) {
          last[1] = h[1];
          last[2]++;
          last[3] = 1;
        } else if (last == null || h[0] >= last[1]) {
          spans.add(new int[] {h[0], h[1], 1, h[2]});
        }
      }
      spans.removeIf(sp -> sp[3] == 0);
      return spans;
    }
  }

  private MatchHighlighter() {}

  /**
   * The rule's words as found (lowercased, title first, in order of appearance) and the span to
   * build the snippet around: the first span joining the most words, in the text if the rule
   * matched there, else in the title; null when nothing was found.
   */
  static Highlight highlight(RuleTerms rule, ArticleTerms article, String titleField, String textField) {
    List<int[]> title = article.spans(rule, titleField);
    List<int[]> text = article.spans(rule, textField);
    Set<String> terms = new LinkedHashSet<>();
    title.forEach(s -> terms.add(slice(article.text(titleField), s)));
    text.forEach(s -> terms.add(slice(article.text(textField), s)));
    boolean inText = !text.isEmpty();
    List<int[]> spans = inText ? text : title;
    int[] best = null;
    for (int[] s : spans) {
      if (best == null || s[2] > best[2]) {
        best = s;
      }
    }
    return new Highlight(List.copyOf(terms), inText ? textField : titleField, best);
  }

  /** What {@link #highlight} found: the terms, and the field and span of the snippet (span may be null). */
  record Highlight(List<String> terms, String field, int[] span) {}

  private static String slice(String s, int[] span) {
    return s.substring(span[0], Math.min(s.length(), span[1])).toLowerCase(Locale.ROOT);
  }
}
