package io.wirewatch.process.match;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.Query;

/**
 * The stored queries in Lucene's {@link Monitor}, indexed under the words an article must contain,
 * with the payload each was stored with. Changes are taken at once and indexed together before the
 * next match; a large batch is followed by merging the index into one segment.
 *
 * <p>Why changes wait: registering a query commits the index and rebuilds the Monitor's view of
 * all its terms, so one query at a time makes loading 350,000 rules (a restart restores them one
 * record at a time) quadratic.
 */
final class QueryIndex<T> implements Closeable {

  /**
   * Presearcher passes. One pass indexes a conjunction ({@code a AND b}) under one of its words; a
   * second pass indexes it under both, so an article with only one of them no longer makes it a
   * candidate. Measured with {@code wirewatch bench match}: candidates per article fall by about
   * 2.8x on generated rules, and more passes add nothing for rules of two or three words.
   */
  static final int PRESEARCHER_PASSES = 2;

  /**
   * A large batch of changes is followed by merging the index into one segment (see
   * {@link QueryIndexConfiguration}) once it touched this share of the queries, at least
   * {@link #COMPACT_MIN_CHANGES}: merging costs time in proportion to the whole index (about 4 s
   * for 350,000 rules), so it is spent only when the segments it removes are many.
   */
  static final double COMPACT_SHARE = 0.1;
  static final int COMPACT_MIN_CHANGES = 1_000;

  /** A pending change: the query and its payload, or a removal when both are null. */
  private record Change<T>(MonitorQuery query, T payload) {
    boolean isRemoval() {
      return query == null;
    }
  }

  private final PhrasePresearch phrases;
  private final QueryIndexConfiguration config = new QueryIndexConfiguration();
  private final Monitor monitor;
  /** Changes not yet in the index, by id, in arrival order. */
  private final Map<String, Change<T>> pending = new LinkedHashMap<>();
  private volatile boolean dirty;
  /** Queries indexed or removed since the index was last merged into one segment. */
  private int changedSinceCompaction;
  /** Payloads of the indexed queries. Concurrent: one thread changes while others match. */
  private final Map<String, T> payloads = new ConcurrentHashMap<>();
  /**
   * Changes against matching: a change swaps the index entry and the payload together, so a match
   * never sees one without the other.
   */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  QueryIndex(Analyzer analyzer, PhrasePresearch phrases) {
    this.phrases = phrases;
    try {
      this.monitor = new Monitor(analyzer, new MultipassTermFilteredPresearcher(
          PRESEARCHER_PASSES, 0, TermFilteredPresearcher.DEFAULT_WEIGHTOR, List.of(phrases), Set.of()),
          config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the in-memory query index", e);
    }
  }

  /** Adds or replaces query {@code id}; in effect from the next match on. */
  void put(String id, Query marked, String source, T payload) {
    change(id, new Change<>(new MonitorQuery(id, marked, source, Map.of()), payload));
  }

  void remove(String id) {
    change(id, new Change<>(null, null));
  }

  private void change(String id, Change<T> change) {
    lock.writeLock().lock();
    try {
      pending.remove(id); // the latest change of a query goes last, so the map keeps arrival order
      pending.put(id, change);
      dirty = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Indexes the pending changes, if any, in one batch. */
  void flush() {
    if (!dirty) {
      return;
    }
    lock.writeLock().lock();
    try {
      List<String> deletes = new ArrayList<>();
      List<MonitorQuery> queries = new ArrayList<>();
      for (Map.Entry<String, Change<T>> e : pending.entrySet()) {
        Change<T> c = e.getValue();
        if (c.isRemoval()) {
          if (payloads.remove(e.getKey()) != null) {
            deletes.add(e.getKey());
            phrases.removed(e.getKey());
          }
        } else {
          phrases.registered(e.getKey(), c.query().getQuery());
          queries.add(c.query());
          payloads.put(e.getKey(), c.payload());
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
      if (changedSinceCompaction >= Math.max(COMPACT_MIN_CHANGES, COMPACT_SHARE * payloads.size())) {
        config.compact();
        monitor.register(List.of()); // commits, so that matching sees the merged index
        changedSinceCompaction = 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the in-memory query index", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  Optional<T> payload(String id) {
    flush();
    return Optional.ofNullable(payloads.get(id));
  }

  /** The payloads of the indexed queries, sorted by query id. */
  List<T> payloads() {
    flush();
    return payloads.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
  }

  int size() {
    flush();
    return payloads.size();
  }

  int count(Predicate<? super T> which) {
    flush();
    return (int) payloads.values().stream().filter(which).count();
  }

  /** Segments of the index, after the pending changes: for tests. */
  int segments() throws IOException {
    flush();
    return config.segments();
  }

  MatchResult<T> match(ArticleDocument article, MatchDescriber describer,
      Function<? super T, QueryMatcher.Detail> detail) {
    flush();
    List<MatchedQuery<T>> out = new ArrayList<>();
    List<QueryError> failures = new ArrayList<>();
    MatchingQueries<QueryHits> found;
    lock.readLock().lock();
    try {
      found = monitor.match(article.document, PostingsMatcher.FACTORY);
      for (QueryHits m : found.getMatches()) {
        T payload = payloads.get(m.getQueryId());
        if (payload != null) {
          out.add(describer.describe(m.getQueryId(), payload, m, detail.apply(payload)));
        }
      }
      // Monitor catches what a query throws while it is checked and reports it here, by query;
      // left unread, a query that always throws would silently never match again.
      found.getErrors().forEach((id, e) -> {
        if (payloads.containsKey(id)) {
          failures.add(new QueryError(id, "failed while matching: "
              + (e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("matching against the in-memory query index failed", e);
    } finally {
      lock.readLock().unlock();
    }
    out.sort(Comparator.comparing(MatchedQuery::id));
    failures.sort(Comparator.comparing(QueryError::id));
    return new MatchResult<>(out, found.getQueriesRun(), failures);
  }

  @Override
  public void close() {
    try {
      monitor.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the query index failed", e);
    }
  }
}
