package io.wirewatch.process.match;

import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;

/**
 * Reads a query as an analyst writes it, with the analysis every article gets: words without a
 * field search {@link #TEXT}, which holds the headline and then the body ({@code title:} narrows to
 * the headline), and all words must match unless joined with OR, since a stored query is a filter,
 * not a ranking.
 */
public final class NewsQueryParser {

  /** The headline alone. */
  public static final String TITLE = "title";
  /** The headline, then the body, {@link NewsAnalyzer#VALUE_GAP} positions apart. */
  public static final String TEXT = "text";

  private final Analyzer analyzer;

  public NewsQueryParser() {
    this(NewsAnalyzer.create());
  }

  NewsQueryParser(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The query as Lucene reads it, for tools that run other Lucene code over the same fields. */
  public Query parse(String query) throws ParseException {
    // A parser per call: Lucene's classic parser keeps state and is not thread-safe.
    QueryParser parser = new QueryParser(TEXT, analyzer);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setSplitOnWhitespace(true);
    return parser.parse(query);
  }

  /** Why {@code query} cannot be used, with the parser's message and position; empty when it parses. */
  public Optional<String> check(String query) {
    try {
      parseForIndex(query);
      return Optional.empty();
    } catch (InvalidQueryException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The query as the index stores it: parsed, with the phrases its presearcher pairs marked. */
  Query parseForIndex(String query) throws InvalidQueryException {
    if (query == null) {
      throw new InvalidQueryException("query is missing");
    }
    try {
      return PhrasePresearch.markPhrases(parse(query));
    } catch (ParseException | RuntimeException e) {
      throw new InvalidQueryException("query '" + query + "' does not parse: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.split("\n", 2)[0];
  }

  /** A query that cannot be used; its message is the reason an analyst reads. */
  static final class InvalidQueryException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidQueryException(String message) {
      super(message, null, false, false);
    }
  }
}
