package io.wirewatch.process.alert;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.monitor.HighlightsMatch.Hit;
import org.apache.lucene.monitor.QueryMatch;

/**
 * Where one rule matched one article: the word positions and character offsets of its hits, per
 * field, in the same form as Lucene Monitor's {@code HighlightsMatch} reports them (a phrase as
 * one hit from its first word to its last).
 */
final class RuleHits extends QueryMatch {

  private final Map<String, Set<Hit>> hits = new TreeMap<>();

  RuleHits(String queryId) {
    super(queryId);
  }

  void add(String field, Hit hit) {
    hits.computeIfAbsent(field, f -> new TreeSet<>()).add(hit);
  }

  void addAll(String field, Collection<Hit> more) {
    if (!more.isEmpty()) {
      hits.computeIfAbsent(field, f -> new TreeSet<>()).addAll(more);
    }
  }

  /** The hits in {@code field}, sorted by position; empty when there are none. */
  Collection<Hit> hits(String field) {
    Set<Hit> found = hits.get(field);
    return found == null ? List.of() : found;
  }

  Set<String> fields() {
    return hits.keySet();
  }

  /** One match holding the hits of both: a rule split by the Monitor into parts that matched separately. */
  static RuleHits merge(RuleHits a, RuleHits b) {
    RuleHits merged = new RuleHits(a.getQueryId());
    for (RuleHits m : List.of(a, b)) {
      m.hits.forEach(merged::addAll);
    }
    return merged;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleHits other && super.equals(o) && hits.equals(other.hits);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + hits.hashCode();
  }

  @Override
  public String toString() {
    return getQueryId() + hits;
  }
}
