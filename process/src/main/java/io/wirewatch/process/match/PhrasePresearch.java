package io.wirewatch.process.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * Lets Lucene Monitor's presearcher select a phrase or proximity rule only for articles whose
 * words stand together as the rule needs them, not merely somewhere in the article.
 *
 * <p>Why: a presearcher sees an article as a set of words, so {@code "united states"} is a
 * candidate for every article with both words anywhere. On generated stored searches drawn from
 * news text, phrase and proximity rules made up two thirds of all candidates while matching about
 * one time in ten ({@code wirewatch bench match}), and each candidate costs the Monitor an index
 * lookup and a check. Each field an article is matched on gets two twin fields:
 * <ul>
 *   <li>{@code text.pairs}: every two adjacent words ("liaison office"). An exact phrase is
 *       indexed under all of its adjacent pairs.
 *   <li>{@code text.near}: every two words at most {@value #NEAR_WINDOW} positions apart, in
 *       alphabetical order ("liaison|office"). A proximity rule of two different words with a
 *       slop of at most {@value #MAX_SLOP} is indexed under its pair: Lucene allows such words
 *       at most slop + 1 positions apart, in either order.
 * </ul>
 * Other rules (longer proximity rules, larger slops, repeated words) keep the default handling.
 *
 * <p>An article has many more pairs than words, and the in-memory index an article is matched on
 * costs in proportion to its terms; so only the pairs some rule is indexed under are written
 * ({@link #registered}, {@link #removed}).
 */
final class PhrasePresearch implements CustomQueryHandler {

  static final String SUFFIX = ".pairs";
  static final String NEAR_SUFFIX = ".near";
  /** Largest slop handled by word pairs: "a b"~5 covers what analysts write ("liaison office"~3). */
  static final int MAX_SLOP = 5;
  /** How far apart two words of a {@code .near} pair may be. */
  static final int NEAR_WINDOW = MAX_SLOP + 1;
  /** Joins the two words of an adjacent pair. */
  private static final String SEPARATOR = " ";
  private static final String NEAR_SEPARATOR = "|";

  /**
   * How many registered rules use each pair, and each word of a pair (under "word" for adjacent
   * pairs, "|word" for proximity pairs). Concurrent: analysis threads read it while rules change.
   */
  private final Map<String, Integer> pairUse = new ConcurrentHashMap<>();
  private final Map<String, List<String>> pairsByRule = new ConcurrentHashMap<>();

  /** Notes the pairs of rule {@code id}, as marked by {@link #markPhrases}, replacing its previous ones. */
  void registered(String id, Query marked) {
    List<String> pairs = new ArrayList<>();
    collectPairs(marked, pairs);
    List<String> previous = pairs.isEmpty() ? pairsByRule.remove(id) : pairsByRule.put(id, pairs);
    pairs.forEach(p -> pairUse.merge(p, 1, Integer::sum));
    release(previous);
  }

  void removed(String id) {
    release(pairsByRule.remove(id));
  }

  private void release(List<String> pairs) {
    if (pairs != null) {
      pairs.forEach(p -> pairUse.computeIfPresent(p, (k, n) -> n == 1 ? null : n - 1));
    }
  }

  /** Whether some rule is indexed under {@code pair}: the only pairs worth writing. */
  boolean wanted(String pair) {
    return pairUse.containsKey(pair);
  }

  private static void collectPairs(Query query, List<String> out) {
    if (query instanceof PairedPhrase paired) {
      Term[] terms = paired.phrase().getTerms();
      if (paired.phrase().getSlop() > 0) {
        out.add(nearPair(terms[0].text(), terms[1].text()));
        out.add(NEAR_SEPARATOR + terms[0].text());
        out.add(NEAR_SEPARATOR + terms[1].text());
      } else {
        for (int i = 0; i + 1 < terms.length; i++) {
          out.add(terms[i].text() + SEPARATOR + terms[i + 1].text());
        }
        for (Term t : terms) {
          out.add(t.text());
        }
      }
    } else if (query instanceof BoostQuery bq) {
      collectPairs(bq.getQuery(), out);
    } else if (query instanceof BooleanQuery bq) {
      bq.clauses().forEach(c -> collectPairs(c.getQuery(), out));
    }
  }

  static String pairsField(String field) {
    return field + SUFFIX;
  }

  static String nearField(String field) {
    return field + NEAR_SUFFIX;
  }

  /** The unordered pair of two words, as {@link WordPairsFilter} writes it. */
  static String nearPair(String a, String b) {
    return a.compareTo(b) <= 0 ? a + NEAR_SEPARATOR + b : b + NEAR_SEPARATOR + a;
  }

  /**
   * {@code query} with each exact phrase of two words or more marked for this handler. Monitor
   * hands a custom handler only the queries it cannot take apart itself, so the phrase is wrapped
   * in a query that shows itself as a leaf; matching unwraps it.
   */
  static Query markPhrases(Query query) {
    if (query instanceof PhraseQuery pq) {
      return pairable(pq) || nearPairable(pq) ? new PairedPhrase(pq) : pq;
    }
    if (query instanceof BoostQuery bq) {
      return new BoostQuery(markPhrases(bq.getQuery()), bq.getBoost());
    }
    if (query instanceof BooleanQuery bq) {
      BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      bq.clauses().forEach(c -> b.add(markPhrases(c.getQuery()), c.getOccur()));
      return b.build();
    }
    return query;
  }

  private static boolean pairable(PhraseQuery pq) {
    int[] positions = pq.getPositions();
    if (pq.getSlop() != 0 || positions.length < 2) {
      return false;
    }
    for (int i = 0; i + 1 < positions.length; i++) {
      if (positions[i + 1] != positions[i] + 1) {
        return false; // a phrase with a hole in it: the default handling indexes its words
      }
    }
    return true;
  }

  private static boolean nearPairable(PhraseQuery pq) {
    Term[] terms = pq.getTerms();
    return pq.getSlop() > 0 && pq.getSlop() <= MAX_SLOP && terms.length == 2 && !terms[0].equals(terms[1]);
  }

  @Override
  public QueryTree handleQuery(Query query, TermWeightor weightor) {
    if (!(query instanceof PairedPhrase paired)) {
      return null;
    }
    PhraseQuery pq = paired.phrase();
    Term[] terms = pq.getTerms();
    if (pq.getSlop() > 0) {
      Term pair = new Term(nearField(pq.getField()), nearPair(terms[0].text(), terms[1].text()));
      return QueryTree.term(pair, weightor);
    }
    List<Function<TermWeightor, QueryTree>> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < terms.length; i++) {
      Term pair = new Term(pairsField(pq.getField()),
          new BytesRef(terms[i].text() + SEPARATOR + terms[i + 1].text()));
      pairs.add(w -> QueryTree.term(pair, w));
    }
    return QueryTree.conjunction(pairs, weightor);
  }

  /** A phrase marked for the word-pair presearcher; searches as the phrase itself. */
  static final class PairedPhrase extends Query {
    private final PhraseQuery phrase;

    PairedPhrase(PhraseQuery phrase) {
      this.phrase = phrase;
    }

    PhraseQuery phrase() {
      return phrase;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) {
      return phrase;
    }

    @Override
    public void visit(QueryVisitor visitor) {
      if (visitor.acceptField(phrase.getField())) {
        visitor.visitLeaf(this);
      }
    }

    @Override
    public String toString(String field) {
      return phrase.toString(field);
    }

    @Override
    public boolean equals(Object other) {
      return sameClassAs(other) && phrase.equals(((PairedPhrase) other).phrase);
    }

    @Override
    public int hashCode() {
      return 31 * classHash() + phrase.hashCode();
    }
  }

  /** Adjacent pairs some exact phrase is indexed under. */
  TokenStream pairsFilter(TokenStream words) {
    return new WordPairsFilter(words, 1, true, SEPARATOR, this::wanted, this::wanted);
  }

  /** Pairs within {@value #NEAR_WINDOW} positions some proximity rule is indexed under. */
  TokenStream nearFilter(TokenStream words) {
    return new WordPairsFilter(words, NEAR_WINDOW, false, NEAR_SEPARATOR, w -> wanted(NEAR_SEPARATOR + w), this::wanted);
  }
}
