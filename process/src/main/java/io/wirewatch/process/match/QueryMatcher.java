package io.wirewatch.process.match;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;

/**
 * Matches articles against many stored queries at once: the one matching engine of Wirewatch, used
 * by the alert rules and by the taxonomy's category terms. Each query is stored under an id with a
 * payload (a rule, a category's term), and each match hands the payload back.
 *
 * <p>A small facade over named parts, in the manner of Lucene's Monitor:
 * <ul>
 *   <li>{@link NewsQueryParser} reads a query as an analyst writes it, with {@link NewsAnalyzer}'s
 *       analysis, and refuses one that does not parse with the parser's message and position;
 *   <li>{@link QueryIndex} keeps the queries in Lucene's Monitor, indexed under the words an article
 *       must contain, with changes batched and the index compacted after a large batch;
 *   <li>{@link ArticleDocument} analyses an article once into the fields the queries see;
 *   <li>{@link PostingsMatcher} checks each candidate against the article's word positions;
 *   <li>{@link MatchDescriber} turns the hits into matched words, counts and snippets.
 * </ul>
 *
 * <p>A query that does not parse is refused and changes nothing; a query that throws while being
 * checked is returned in {@link MatchResult#failures()} and the others match. Matching is
 * thread-safe; changes may come from another thread.
 *
 * @param <T> what a query is stored with
 */
public final class QueryMatcher<T> implements Closeable {

  /** How much a match tells about where the query matched. */
  public enum Detail {
    /** The matched words and the hit count: enough to score categories. */
    TERMS,
    /** Also a snippet around the first hit, as an alert shows it. */
    SNIPPETS
  }

  private final Analyzer analyzer = NewsAnalyzer.create();
  private final NewsQueryParser parser = new NewsQueryParser(analyzer);
  private final PhrasePresearch phrases = new PhrasePresearch();
  private final QueryIndex<T> index = new QueryIndex<>(analyzer, phrases);

  /**
   * Adds or replaces query {@code id}, in effect from the next match on. A query that does not
   * parse changes nothing: the previous version, if any, stays active.
   *
   * @return the reason when the query was refused
   */
  public Optional<QueryError> put(String id, String query, T payload) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    if (payload == null) {
      throw new IllegalArgumentException("payload of query '" + id + "' must not be null");
    }
    Query parsed;
    try {
      parsed = parser.parseForIndex(query);
    } catch (NewsQueryParser.InvalidQueryException e) {
      return Optional.of(new QueryError(id, e.getMessage()));
    }
    index.put(id, parsed, query, payload);
    return Optional.empty();
  }

  /** For tests: stores a query built in code, which no analyst could write. */
  void putParsed(String id, Query query, T payload) {
    index.put(id, query, query.toString(), payload);
  }

  /** Removes query {@code id}, if present. */
  public void remove(String id) {
    index.remove(id);
  }

  /** Why {@code query} would be refused, or empty when it parses: for tools that check before storing. */
  public Optional<QueryError> check(String id, String query) {
    return parser.check(query).map(reason -> new QueryError(id, reason));
  }

  /**
   * Indexes the changes made so far. Matching does it anyway; a bulk load calls it to pay the cost
   * (and meet any failure) at once.
   */
  public void flush() {
    index.flush();
  }

  /** The payload of query {@code id}, if it is stored. */
  public Optional<T> get(String id) {
    return index.payload(id);
  }

  /** The payloads of all stored queries, sorted by query id. */
  public List<T> all() {
    return index.payloads();
  }

  public int size() {
    return index.size();
  }

  /** How many stored queries have a payload that {@code which} accepts. */
  public int count(Predicate<? super T> which) {
    return index.count(which);
  }

  /** The queries that match an article with this headline and body. */
  public MatchResult<T> match(String title, String text, Detail detail) {
    return match(title, text, payload -> detail);
  }

  /**
   * The queries that match an article, each described as much as its payload needs: one engine
   * holding queries of several kinds (rules that need snippets, category terms that do not) matches
   * an article once for all of them.
   */
  public MatchResult<T> match(String title, String text, Function<? super T, Detail> detail) {
    ArticleDocument article = ArticleDocument.analyse(analyzer, phrases, title, text);
    return index.match(article, new MatchDescriber(article), detail);
  }

  /** Segments of the query index, for tests. */
  int indexSegments() throws IOException {
    return index.segments();
  }

  @Override
  public void close() {
    index.close();
  }
}
