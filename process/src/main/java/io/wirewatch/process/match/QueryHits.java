package io.wirewatch.process.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.monitor.HighlightsMatch.Hit;
import org.apache.lucene.monitor.QueryMatch;

/**
 * Where one rule matched one article: the word positions and character offsets of its hits, per
 * field, in the same form as Lucene Monitor's {@code HighlightsMatch} reports them (a phrase as
 * one hit from its first word to its last).
 *
 * <p>Hits are gathered in plain lists and sorted only when read: an article can match a thousand
 * rules, and most of them are never looked at field by field more than once.
 */
final class QueryHits extends QueryMatch {

  /** Hits by field, in the order found; usually one or two fields. */
  private final Map<String, List<Hit>> hits = new LinkedHashMap<>(4);

  QueryHits(String queryId) {
    super(queryId);
  }

  void add(String field, Hit hit) {
    hits.computeIfAbsent(field, f -> new ArrayList<>()).add(hit);
  }

  /** The hits in {@code field}, sorted by position, each once; empty when there are none. */
  Collection<Hit> hits(String field) {
    List<Hit> found = hits.get(field);
    if (found == null) {
      return List.of();
    }
    return found.size() == 1 ? found : new TreeSet<>(found);
  }

  Set<String> fields() {
    return hits.keySet();
  }

  /** One match holding the hits of both: a rule split by the Monitor into parts that matched separately. */
  static QueryHits merge(QueryHits a, QueryHits b) {
    QueryHits merged = new QueryHits(a.getQueryId());
    for (QueryHits m : List.of(a, b)) {
      m.hits.forEach((field, list) -> merged.hits.computeIfAbsent(field, f -> new ArrayList<>()).addAll(list));
    }
    return merged;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof QueryHits other) || !super.equals(o) || !hits.keySet().equals(other.hits.keySet())) {
      return false;
    }
    return hits.keySet().stream().allMatch(f -> new TreeSet<>(hits(f)).equals(new TreeSet<>(other.hits(f))));
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + hits.keySet().hashCode();
  }

  @Override
  public String toString() {
    return getQueryId() + hits;
  }
}
