package io.wirewatch.process.match;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.HighlightsMatch.Hit;
import org.apache.lucene.monitor.MatcherFactory;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;

/**
 * Checks the rules that Lucene Monitor's presearcher selected for one article, and finds where
 * they matched.
 *
 * <p>Written by hand because of what the stock check costs: Monitor runs every candidate as a
 * Lucene search over the article's one-document index (rewrite, weight, scorer, then the Matches
 * API for highlights), tens of microseconds each, and with hundreds of thousands of rules an
 * article has thousands of candidates. The queries analysts write — terms, phrases, two-word
 * proximity, AND / OR / NOT of those — are checked here against the article's word positions,
 * read once per article into plain arrays, in about a microsecond. Every other query (wildcards, fuzzy, ranges,
 * regular expressions, proximity over three or more words) is handed to Lucene's own Matches API,
 * exactly as {@code HighlightsMatch} does. {@code PostingsMatcherTest} runs both on random rules
 * and texts and requires the same matches and the same hits.
 */
final class PostingsMatcher extends CandidateMatcher<QueryHits> {

  static final MatcherFactory<QueryHits> FACTORY = PostingsMatcher::new;

  /**
   * Hits kept per term, phrase or Lucene-checked clause of a query (the first ones, in position
   * order). What reads hits needs a few (a snippet, the matched words, a count that categories cap
   * at a handful), and an article where a word occurs more often than this is a dump, not a
   * report: a 4 MB page of a few repeated words had the process stage's heap hold one object per
   * occurrence per matched query, and ran out of 256 MB. Whether a query matches is unaffected.
   */
  static final int MAX_HITS_PER_CLAUSE = 1_000;

  /** Positions and offsets of one word in one field, in position order. */
  private record Postings(int[] positions, int[] startOffsets, int[] endOffsets) {
    Hit hit(int i) {
      return new Hit(positions[i], startOffsets[i], positions[i], endOffsets[i]);
    }

    int indexOf(int position) {
      return Arrays.binarySearch(positions, position);
    }
  }

  /** One hit of a query in one field. */
  private record FieldHit(String field, Hit hit) {}

  /** The article's words read so far: rules share most of their words, so each is read once. */
  private final Map<Term, Postings> words = new HashMap<>();
  private final LeafReaderContext leaf;

  private PostingsMatcher(IndexSearcher searcher) {
    super(searcher);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int docs = searcher.getIndexReader().maxDoc();
    if (leaves.size() != 1 || docs != 1) {
      throw new IllegalArgumentException("PostingsMatcher checks one article at a time; got a batch of " + docs);
    }
    this.leaf = leaves.get(0);
  }

  /** Where {@code term} occurs in the article, or null when it does not. */
  private Postings postings(Term term) {
    Postings p = words.get(term);
    if (p == null && !words.containsKey(term)) {
      p = read(term);
      words.put(term, p);
    }
    return p;
  }

  private Postings read(Term term) {
    try {
      Terms terms = leaf.reader().terms(term.field());
      if (terms == null) {
        return null;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(term.bytes())) {
        return null;
      }
      PostingsEnum pe = te.postings(null, PostingsEnum.OFFSETS);
      if (pe.nextDoc() == PostingsEnum.NO_MORE_DOCS) {
        return null;
      }
      int freq = pe.freq();
      int[] positions = new int[freq];
      int[] starts = new int[freq];
      int[] ends = new int[freq];
      for (int i = 0; i < freq; i++) {
        positions[i] = pe.nextPosition();
        starts[i] = pe.startOffset();
        ends[i] = pe.endOffset();
      }
      return new Postings(positions, starts, ends);
    } catch (IOException e) {
      // An in-memory index: reading it does no I/O.
      throw new IllegalStateException("cannot read the article's in-memory index", e);
    }
  }

  @Override
  protected void matchQuery(String queryId, Query query, Map<String, String> metadata) throws IOException {
    List<FieldHit> hits = evaluate(query);
    if (hits != null) {
      QueryHits match = new QueryHits(queryId);
      hits.forEach(h -> match.add(h.field(), h.hit()));
      addMatch(match, 0);
    }
  }

  @Override
  public QueryHits resolve(QueryHits a, QueryHits b) {
    return QueryHits.merge(a, b);
  }

  /** The hits of {@code query}, or null when it does not match. */
  private List<FieldHit> evaluate(Query query) throws IOException {
    if (query instanceof TermQuery tq) {
      return term(tq.getTerm());
    }
    if (query instanceof PhraseQuery pq) {
      return phrase(pq);
    }
    if (query instanceof PhrasePresearch.PairedPhrase paired) {
      return phrase(paired.phrase());
    }
    if (query instanceof BooleanQuery bq) {
      return bool(bq);
    }
    if (query instanceof BoostQuery boost) {
      return evaluate(boost.getQuery());
    }
    if (query instanceof MatchAllDocsQuery) {
      return List.of();
    }
    if (query instanceof MatchNoDocsQuery) {
      return null;
    }
    return viaLucene(query);
  }

  private List<FieldHit> term(Term term) {
    Postings p = postings(term);
    if (p == null) {
      return null;
    }
    int n = Math.min(p.positions.length, MAX_HITS_PER_CLAUSE);
    List<FieldHit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hits.add(new FieldHit(term.field(), p.hit(i)));
    }
    return hits;
  }

  private List<FieldHit> phrase(PhraseQuery pq) throws IOException {
    Term[] terms = pq.getTerms();
    int[] offsets = pq.getPositions();
    if (terms.length == 0) {
      return null;
    }
    if (terms.length == 1) {
      return term(terms[0]);
    }
    boolean sloppyPair = pq.getSlop() > 0 && terms.length == 2 && !terms[0].equals(terms[1]);
    if (pq.getSlop() > 0 && !sloppyPair) {
      // Lucene's sloppy matching of three or more words (or a repeated word) is subtle: let it decide.
      return viaLucene(pq);
    }
    Postings[] postings = new Postings[terms.length];
    for (int i = 0; i < terms.length; i++) {
      postings[i] = postings(terms[i]);
      if (postings[i] == null) {
        return null;
      }
    }
    String field = pq.getField();
    List<FieldHit> hits = new ArrayList<>();
    if (sloppyPair) {
      // Lucene's measure for two words: how far each is from where the phrase puts it, relative
      // to the other; "a b"~n matches "b a" from n = 2 on.
      Postings a = postings[0];
      Postings b = postings[1];
      // A merge walk over both position lists, always moving the word that is further behind:
      // each hit is a window between one occurrence of each word, as Lucene walks them.
      int i = 0;
      int j = 0;
      while (i < a.positions.length && j < b.positions.length && hits.size() < MAX_HITS_PER_CLAUSE) {
        int atA = a.positions[i] - offsets[0];
        int atB = b.positions[j] - offsets[1];
        if (Math.abs(atB - atA) <= pq.getSlop()) {
          hits.add(new FieldHit(field, a.positions[i] < b.positions[j] ? span(a, i, b, j) : span(b, j, a, i)));
        }
        if (atA <= atB) {
          i++;
        } else {
          j++;
        }
      }
    } else {
      Postings first = postings[0];
      for (int i = 0; i < first.positions.length && hits.size() < MAX_HITS_PER_CLAUSE; i++) {
        int start = first.positions[i] - offsets[0];
        int[] at = new int[terms.length];
        boolean all = true;
        for (int t = 0; t < terms.length && all; t++) {
          at[t] = postings[t].indexOf(start + offsets[t]);
          all = at[t] >= 0;
        }
        if (all) {
          int last = terms.length - 1;
          hits.add(new FieldHit(field, span(postings[0], at[0], postings[last], at[last])));
        }
      }
    }
    return hits.isEmpty() ? null : hits;
  }

  /** One hit from word {@code i} of {@code from} to word {@code j} of {@code to}: how Lucene reports a phrase. */
  private static Hit span(Postings from, int i, Postings to, int j) {
    return new Hit(from.positions[i], from.startOffsets[i], to.positions[j], to.endOffsets[j]);
  }

  private List<FieldHit> bool(BooleanQuery bq) throws IOException {
    List<FieldHit> hits = new ArrayList<>();
    boolean required = false;
    int shouldMatched = 0;
    // Required and prohibited clauses first: either can rule the query out before the optional ones run.
    for (BooleanClause c : bq.clauses()) {
      if (c.getOccur() == BooleanClause.Occur.MUST || c.getOccur() == BooleanClause.Occur.FILTER) {
        required = true;
        List<FieldHit> h = evaluate(c.getQuery());
        if (h == null) {
          return null;
        }
        hits.addAll(h);
      } else if (c.getOccur() == BooleanClause.Occur.MUST_NOT && evaluate(c.getQuery()) != null) {
        return null;
      }
    }
    for (BooleanClause c : bq.clauses()) {
      if (c.getOccur() == BooleanClause.Occur.SHOULD) {
        List<FieldHit> h = evaluate(c.getQuery());
        if (h != null) {
          shouldMatched++;
          hits.addAll(h);
        }
      }
    }
    int minimum = bq.getMinimumNumberShouldMatch();
    if (shouldMatched < minimum || (!required && minimum == 0 && shouldMatched == 0)) {
      return null;
    }
    return hits;
  }

  /** Lucene's own answer, as {@code HighlightsMatch} gets it. */
  private List<FieldHit> viaLucene(Query query) throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
    Matches matches = weight.matches(leaf, 0);
    if (matches == null) {
      return null;
    }
    List<FieldHit> hits = new ArrayList<>();
    for (String field : matches) {
      MatchesIterator mi = matches.getMatches(field);
      int kept = hits.size();
      while (mi != null && hits.size() - kept < MAX_HITS_PER_CLAUSE && mi.next()) {
        MatchesIterator sub = mi.getSubMatches();
        if (sub == null) {
          hits.add(new FieldHit(field, hit(mi)));
        } else {
          while (hits.size() - kept < MAX_HITS_PER_CLAUSE && sub.next()) {
            hits.add(new FieldHit(field, hit(sub)));
          }
        }
      }
    }
    return hits;
  }

  private static Hit hit(MatchesIterator it) throws IOException {
    return new Hit(it.startPosition(), it.startOffset(), it.endPosition(), it.endOffset());
  }
}
