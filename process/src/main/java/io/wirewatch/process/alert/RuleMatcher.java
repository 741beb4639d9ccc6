package io.wirewatch.process.alert;

import io.wirewatch.model.Rule;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;

/**
 * Matches articles against many rules at once with Lucene's {@link Monitor}: the rules are
 * indexed, and each article is run only against the rules whose terms it contains.
 *
 * <p>A rule whose query does not parse is reported in {@link #errors()} and never loaded; the
 * others load and match. Matching is thread-safe.
 */
public final class RuleMatcher implements Closeable {

  public static final String TITLE = "title";
  public static final String TEXT = "text";

  /** Characters of context on each side of the first match in a snippet. */
  private static final int SNIPPET_CONTEXT = 90;


  private final Analyzer analyzer;
  private final PhrasePresearch phrases = new PhrasePresearch();
  private final Monitor monitor;
  /** Active rules by id. Concurrent: the global-store thread updates while stream threads match. */
  private final Map<String, Rule> rules = new ConcurrentHashMap<>();
  private final List<RuleError> errors = new ArrayList<>();
  /**
   * Rule changes (one global-store thread) against matching (every stream thread): a change swaps
   * the index entry and the rule together, so a match never sees one without the other.
   */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /**
   * Presearcher passes. Lucene Monitor indexes each rule under the words an article must contain
   * for the rule to have a chance, and runs only the rules whose words the article has. One pass
   * indexes a conjunction ({@code a AND b}) under one of its words; a second pass indexes it under
   * both, so an article with only one of them no longer makes it a candidate. Measured with
   * {@code wirewatch bench match}: candidates per article fall by about 2.8x on generated rules,
   * and more passes add nothing for rules of two or three words.
   */
  static final int PRESEARCHER_PASSES = 2;

  /** A matcher with no rules; add them with {@link #put(Rule)}. */
  public RuleMatcher() {
    this.analyzer = NewsAnalyzer.create();
    try {
      this.monitor = new Monitor(analyzer, new MultipassTermFilteredPresearcher(
          PRESEARCHER_PASSES, 0, TermFilteredPresearcher.DEFAULT_WEIGHTOR, List.of(phrases), Set.of()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the in-memory rule index", e);
    }
  }

  /** A matcher with {@code rules}; the ones that are rejected are listed by {@link #errors()}. */
  public RuleMatcher(Collection<Rule> rules) {
    this();
    Map<String, Rule> accepted = new LinkedHashMap<>();
    List<MonitorQuery> queries = new ArrayList<>();
    for (Rule r : rules) {
      if (accepted.containsKey(r.id())) {
        errors.add(new RuleError(r.id(), "duplicate rule id; the first definition is kept"));
        continue;
      }
      try {
        MonitorQuery q = toQuery(r);
        accepted.put(r.id(), r);
        if (r.enabled()) {
          queries.add(q);
        }
      } catch (RuleException e) {
        errors.add(e.error);
      }
    }
    register(queries);
    accepted.values().stream().filter(Rule::enabled).forEach(r -> this.rules.put(r.id(), r));
  }

  /**
   * Adds or replaces one rule; a disabled rule is removed. A rule that does not parse changes
   * nothing: the previous version, if any, stays active.
   *
   * @return the reason when the rule was rejected
   */
  public Optional<RuleError> put(Rule rule) {
    if (!rule.enabled()) {
      remove(rule.id());
      return Optional.empty();
    }
    MonitorQuery query;
    try {
      query = toQuery(rule);
    } catch (RuleException e) {
      return Optional.of(e.error);
    }
    lock.writeLock().lock();
    try {
      register(List.of(query));
      rules.put(rule.id(), rule);
      return Optional.empty();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes the rule {@code id}, if present. */
  public void remove(String id) {
    lock.writeLock().lock();
    try {
      if (rules.remove(id) != null) {
        monitor.deleteById(id);
        phrases.removed(id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove rule " + id + " from the index", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Why {@code query} would be rejected, or empty when it parses: for tools that check before publishing. */
  public Optional<RuleError> check(Rule rule) {
    try {
      toQuery(rule);
      return Optional.empty();
    } catch (RuleException e) {
      return Optional.of(e.error);
    }
  }

  private MonitorQuery toQuery(Rule r) throws RuleException {
    try {
      return new MonitorQuery(r.id(), PhrasePresearch.markPhrases(parse(r.query())), r.query(), Map.of());
    } catch (ParseException | RuntimeException e) {
      throw new RuleException(new RuleError(r.id(),
          "query '" + r.query() + "' does not parse: " + firstLine(e.getMessage())));
    }
  }

  private void register(List<MonitorQuery> queries) {
    queries.forEach(q -> phrases.registered(q.getId(), q.getQuery()));
    try {
      monitor.register(queries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index rules", e);
    }
  }

  /** A rejected rule, carried out of the parsing helpers. */
  private static final class RuleException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient RuleError error;

    RuleException(RuleError error) {
      super(error.reason(), null, false, false);
      this.error = error;
    }
  }

  /**
   * Parses {@code query} as an analyst writes it: words without a field search the {@code text}
   * field, which holds the headline and the body ({@code title:} narrows to the headline), and all words must match unless joined with OR, since an alert rule is a filter, not a ranking.
   */
  public Query parse(String query) throws ParseException {
    QueryParser parser = new QueryParser(TEXT, analyzer);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setSplitOnWhitespace(true);
    return parser.parse(query);
  }

  /** The active rule {@code id}, if any. */
  public Optional<Rule> rule(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** The active rules, sorted by id. */
  public List<Rule> rules() {
    return rules.values().stream().sorted(Comparator.comparing(Rule::id)).toList();
  }

  public List<RuleError> errors() {
    return List.copyOf(errors);
  }

  /** The rules that match an article with this title and text, sorted by rule id. */
  public List<RuleMatch> match(String title, String text) {
    return matchDetailed(title, text).matches();
  }

  /**
   * The matches and the work behind them.
   *
   * @param matches    as {@link #match(String, String)}
   * @param candidates rules the presearcher selected and the matcher had to run
   */
  public record Result(List<RuleMatch> matches, int candidates) {}

  public Result matchDetailed(String title, String text) {
    String t = title == null ? "" : title;
    String x = text == null ? "" : text;
    AnalyzedText head = new AnalyzedText(analyzer, TEXT, t);
    AnalyzedText body = new AnalyzedText(analyzer, TEXT, x);
    Document doc = new Document();
    addFields(doc, TITLE, head);
    addFields(doc, TEXT, head, body);
    // Where the in-memory index starts counting the body's offsets in text: after the headline
    // and the analyzer's offset gap, unless the headline has no word and so was not counted.
    int bodyStart = head.isEmpty() ? 0 : head.endOffset() + analyzer.getOffsetGap(TEXT);
    Described article = new Described(t, x, bodyStart);
    MatchingQueries<RuleHits> found;
    List<RuleMatch> out = new ArrayList<>();
    lock.readLock().lock();
    try {
      found = monitor.match(doc, PostingsMatcher.FACTORY);
      for (RuleHits m : found.getMatches()) {
        Rule r = rules.get(m.getQueryId());
        if (r != null) {
          out.add(article.describe(r, m));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("matching against the in-memory rule index failed", e);
    } finally {
      lock.readLock().unlock();
    }
    out.sort(Comparator.comparing(rm -> rm.rule().id()));
    return new Result(out, found.getQueriesRun());
  }

  /**
   * The article as the rules see it: {@code title} holds the headline, {@code text} the headline
   * and then the body, as two values a position gap apart (see {@link NewsAnalyzer}).
   *
   * <p>Why the headline is in {@code text} too: a rule without a field must match anywhere, and
   * written as {@code title:x OR text:x} every word of every rule would be indexed, selected and
   * checked twice. One field that holds both halves the rule index and the candidates per article
   * (measured with {@code wirewatch bench match}). The matcher builds the same fields from texts
   * analysed once, plus the word-pair fields its presearcher reads ({@link PhrasePresearch}).
   */
  public static Document document(String title, String text) {
    Document doc = new Document();
    doc.add(new TextField(TITLE, title, Field.Store.NO));
    doc.add(new TextField(TEXT, title, Field.Store.NO));
    doc.add(new TextField(TEXT, text, Field.Store.NO));
    return doc;
  }

  /**
   * One article's matches turned into terms and snippets. Many rules match the same words of an
   * article, so each snippet and each matched word is cut out once and shared.
   */
  /** {@code field} with one value per analysed text, and the word-pair twins the presearcher reads. */
  private void addFields(Document doc, String field, AnalyzedText... values) {
    for (AnalyzedText value : values) {
      doc.add(new TextField(field, value.stream()));
      doc.add(new TextField(PhrasePresearch.pairsField(field), phrases.pairsFilter(value.stream())));
      doc.add(new TextField(PhrasePresearch.nearField(field), phrases.nearFilter(value.stream())));
    }
  }

  private static final class Described {
    private final String title;
    private final String text;
    private final int bodyStart;
    private final Map<Long, String> titleSnippets = new HashMap<>();
    private final Map<Long, String> textSnippets = new HashMap<>();
    private final Map<Long, String> titleWords = new HashMap<>();
    private final Map<Long, String> textWords = new HashMap<>();

    Described(String title, String text, int bodyStart) {
      this.title = title;
      this.text = text;
      this.bodyStart = bodyStart;
    }

    RuleMatch describe(Rule rule, RuleHits m) {
      Collection<HighlightsMatch.Hit> titleField = m.hits(TITLE);
      List<HighlightsMatch.Hit> titleHits = new ArrayList<>(titleField);
      List<HighlightsMatch.Hit> textHits = new ArrayList<>();
      boolean titleInText = false;
      for (HighlightsMatch.Hit h : m.hits(TEXT)) {
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
        titleHits = sorted(new java.util.TreeSet<>(titleHits));
      }
      Set<String> terms = new LinkedHashSet<>();
      titleHits.forEach(h -> terms.add(titleWords.computeIfAbsent(key(h), k -> slice(title, h))));
      textHits.forEach(h -> terms.add(textWords.computeIfAbsent(key(h), k -> slice(text, h))));
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
      int hits = Math.max(1, occurrences(titleHits) + occurrences(textHits));
      return new RuleMatch(rule, List.copyOf(terms), snippet, hits);
    }

    private static long key(HighlightsMatch.Hit h) {
      return ((long) h.startOffset << 32) | (h.endOffset & 0xffffffffL);
    }
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

  private static String firstLine(String s) {
    return s == null ? "" : s.split("\n", 2)[0];
  }

  @Override
  public void close() {
    try {
      monitor.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the rule index failed", e);
    }
  }
}
