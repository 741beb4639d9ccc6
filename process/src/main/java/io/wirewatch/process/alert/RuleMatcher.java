package io.wirewatch.process.alert;

import io.wirewatch.model.Rule;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
import java.util.TreeSet;
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
 *
 * <p>Changes ({@link #put}, {@link #remove}) are checked at once and indexed together before the
 * next match, so a burst of changes, such as all rules restored at a restart, costs one index
 * update instead of one per rule.
 */
public final class RuleMatcher implements Closeable {

  public static final String TITLE = "title";
  public static final String TEXT = "text";

  /** Characters of context on each side of the first match in a snippet. */
  private static final int SNIPPET_CONTEXT = 90;


  private final Analyzer analyzer;
  private final PhrasePresearch phrases = new PhrasePresearch();
  private final RuleIndexConfiguration indexConfig = new RuleIndexConfiguration();
  private final Monitor monitor;
  /**
   * Rule changes not yet in the index, by rule id, in arrival order. Registering a rule commits the
   * rule index and rebuilds the Monitor's view of all its terms, so one rule at a time makes loading
   * 350,000 rules (a restart restores them one record at a time) quadratic; changes are parsed and
   * checked at once but indexed together, before the next match or read of the rules.
   */
  private final Map<String, Change> pending = new LinkedHashMap<>();
  private volatile boolean dirty;
  /** Rules indexed or removed since the index was last merged into one segment. */
  private int changedSinceCompaction;

  /**
   * A large batch of changes is followed by merging the rule index into one segment (see
   * {@link RuleIndexConfiguration}) once it touched this share of the rules, at least
   * {@link #COMPACT_MIN_CHANGES}: merging costs time in proportion to the whole index (about 4 s
   * for 350,000 rules), so it is spent only when the segments it removes are many.
   */
  static final double COMPACT_SHARE = 0.1;
  static final int COMPACT_MIN_CHANGES = 1_000;

  /** A pending change: the rule and its query, or a removal when both are null. */
  private record Change(Rule rule, MonitorQuery query) {
    static final Change REMOVAL = new Change(null, null);
  }

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
          PRESEARCHER_PASSES, 0, TermFilteredPresearcher.DEFAULT_WEIGHTOR, List.of(phrases), Set.of()),
          indexConfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the in-memory rule index", e);
    }
  }

  /** A matcher with {@code rules}; the ones that are rejected are listed by {@link #errors()}. */
  public RuleMatcher(Collection<Rule> rules) {
    this();
    try {
      Set<String> seen = new HashSet<>();
      for (Rule r : rules) {
        if (!seen.add(r.id())) {
          errors.add(new RuleError(r.id(), "duplicate rule id; the first definition is kept"));
          continue;
        }
        put(r).ifPresent(errors::add);
      }
      applyPending();
    } catch (RuntimeException | Error e) {
      // Out of memory included: the Monitor's purge thread would otherwise keep the JVM alive.
      try {
        close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Adds or replaces one rule; a disabled rule is removed. A rule that does not parse changes
   * nothing: the previous version, if any, stays active. The change is in effect from the next
   * match on.
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
    change(rule.id(), new Change(rule, query));
    return Optional.empty();
  }

  /** Removes the rule {@code id}, if present. */
  public void remove(String id) {
    change(id, Change.REMOVAL);
  }

  private void change(String id, Change change) {
    lock.writeLock().lock();
    try {
      pending.remove(id); // the latest change of a rule goes last, so the map keeps arrival order
      pending.put(id, change);
      dirty = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Indexes the pending changes, if any, in one batch. */
  private void applyPending() {
    if (!dirty) {
      return;
    }
    lock.writeLock().lock();
    try {
      List<String> deletes = new ArrayList<>();
      List<MonitorQuery> queries = new ArrayList<>();
      for (Map.Entry<String, Change> e : pending.entrySet()) {
        Change c = e.getValue();
        if (c.rule() == null) {
          if (rules.remove(e.getKey()) != null) {
            deletes.add(e.getKey());
            phrases.removed(e.getKey());
          }
        } else {
          phrases.registered(e.getKey(), c.query().getQuery());
          queries.add(c.query());
          rules.put(e.getKey(), c.rule());
        }
      }
      pending.clear();
      dirty = false;
      if (!deletes.isEmpty()) {
        monitor.deleteById(deletes);
      }
      if (!queries.isEmpty()) {
        monitor.register(queries);
      }
      changedSinceCompaction += deletes.size() + queries.size();
      if (changedSinceCompaction >= Math.max(COMPACT_MIN_CHANGES, COMPACT_SHARE * rules.size())) {
        indexConfig.compact();
        monitor.register(List.of()); // commits, so that matching sees the merged index
        changedSinceCompaction = 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the in-memory rule index", e);
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

  /** Segments of the rule index, after the pending changes: for tests. */
  int indexSegments() throws IOException {
    applyPending();
    return indexConfig.segments();
  }

  /** The active rule {@code id}, if any. */
  public Optional<Rule> rule(String id) {
    applyPending();
    return Optional.ofNullable(rules.get(id));
  }

  /** The active rules, sorted by id. */
  public List<Rule> rules() {
    applyPending();
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
    applyPending();
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
        titleHits = sorted(new TreeSet<>(titleHits));
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
