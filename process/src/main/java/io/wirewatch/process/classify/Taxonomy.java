package io.wirewatch.process.classify;

import io.wirewatch.model.config.ConfigException;
import io.wirewatch.process.match.MatchResult;
import io.wirewatch.process.match.MatchedQuery;
import io.wirewatch.process.match.QueryError;
import io.wirewatch.process.match.QueryMatcher;
import java.io.Closeable;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Assigns categories by weighing evidence (see {@link Category}). Every term, required and
 * excluded query of every category is one query in a single {@link QueryMatcher}, the engine and
 * analysis of the alert rules, so an analyst learns one syntax and the article is run only
 * against the queries whose words it contains. Categories ask the engine for matched words and
 * counts only ({@link QueryMatcher.Detail#TERMS}): they never pay for snippets.
 */
public final class Taxonomy implements Closeable {

  /**
   * Hits of one term counted towards a score. A category should be assigned on breadth of
   * evidence: without a cap, a market report that says "oil" twenty times, or a long feature that
   * repeats one word, would reach any threshold on that word alone. Three still lets a story that
   * is really about one thing (an "embargo" in headline, lead and body) count it fully.
   */
  public static final int MAX_HITS_PER_TERM = 3;

  private enum Kind { TERM, REQUIRED, EXCLUDED }

  /**
   * What a query of the matcher stands for.
   *
   * @param index the term's place in its category, so that evidence words follow the file's order
   */
  private record Slot(Taxonomy owner, int category, Kind kind, int index, double weight, String query) {}

  /** Ids of the taxonomy's queries start so, apart from the rules a shared matcher also holds. */
  private static final String ID_PREFIX = "category:";

  private final List<Category> categories;
  private final QueryMatcher<Object> matcher;
  private final boolean ownsMatcher;

  /**
   * A taxonomy with a matcher of its own, for tools that classify without raising alerts.
   *
   * @throws ConfigException naming the category and the query when a query does not parse
   */
  public Taxonomy(List<Category> categories) {
    this(categories, new QueryMatcher<>(), true);
  }

  /**
   * A taxonomy whose queries live in {@code shared}, beside the alert rules: an article is then
   * analysed and matched once for both ({@link #classify(MatchResult)}).
   *
   * @throws ConfigException naming the category and the query when a query does not parse
   */
  public Taxonomy(List<Category> categories, QueryMatcher<Object> shared) {
    this(categories, shared, false);
  }

  private Taxonomy(List<Category> categories, QueryMatcher<Object> matcher, boolean ownsMatcher) {
    this.matcher = matcher;
    this.ownsMatcher = ownsMatcher;
    this.categories = List.copyOf(categories);
    List<String> errors = new ArrayList<>();
    try {
      for (int c = 0; c < this.categories.size(); c++) {
        Category cat = this.categories.get(c);
        for (int i = 0; i < cat.terms().size(); i++) {
          Category.Term t = cat.terms().get(i);
          add(errors, cat.id() + "#" + i, new Slot(this, c, Kind.TERM, i, t.weight(), t.query()));
        }
        for (int i = 0; i < cat.required().size(); i++) {
          add(errors, cat.id() + "#required#" + i, new Slot(this, c, Kind.REQUIRED, i, 0, cat.required().get(i)));
        }
        for (int i = 0; i < cat.excluded().size(); i++) {
          add(errors, cat.id() + "#excluded#" + i, new Slot(this, c, Kind.EXCLUDED, i, 0, cat.excluded().get(i)));
        }
      }
      if (!errors.isEmpty()) {
        throw new ConfigException(String.join("; ", errors));
      }
      matcher.flush();
    } catch (RuntimeException | Error e) {
      // The Monitor's purge thread would otherwise keep the JVM alive.
      if (ownsMatcher) {
        matcher.close();
      }
      throw e;
    }
  }

  private void add(List<String> errors, String id, Slot slot) {
    matcher.put(ID_PREFIX + id, slot.query(), slot).ifPresent(e -> errors.add(describe(slot, e)));
  }

  private String describe(Slot s, QueryError e) {
    String what = switch (s.kind()) {
      case TERM -> "term";
      case REQUIRED -> "required query";
      case EXCLUDED -> "excluded query";
    };
    // The matcher's reason repeats the query; the analyst needs the category and the parser's words.
    return "category '" + categories.get(s.category()).id() + "', " + what + " '" + s.query() + "': "
        + e.reason();
  }

  /** Reads and checks a taxonomy file; every problem is a {@link ConfigException} naming the file. */
  public static Taxonomy read(InputStream in, String name) {
    return read(in, name, null);
  }

  /** As {@link #read(InputStream, String)}, its queries in {@code shared} (null: a matcher of its own). */
  public static Taxonomy read(InputStream in, String name, QueryMatcher<Object> shared) {
    List<Category> categories = TaxonomyFile.read(in, name);
    try {
      return shared == null ? new Taxonomy(categories) : new Taxonomy(categories, shared);
    } catch (ConfigException e) {
      throw new ConfigException("taxonomy " + name + ": " + e.getMessage());
    }
  }

  public List<Category> categories() {
    return categories;
  }

  /** The categories assigned to an article with this title and text, with scores, sorted by id. */
  public List<CategoryScore> classify(String title, String text) {
    return classify(matcher.match(title, text, QueryMatcher.Detail.TERMS));
  }

  /**
   * The categories assigned by what the (shared) matcher found in an article: the matches of this
   * taxonomy's queries count, the others' (rules) are left to their owners.
   */
  public List<CategoryScore> classify(MatchResult<Object> found) {
    int n = categories.size();
    double[] score = new double[n];
    boolean[] required = new boolean[n];
    boolean[] excluded = new boolean[n];
    List<Set<String>> words = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      words.add(new LinkedHashSet<>());
    }
    // Sorted by query id, so "sanctions#10" comes before "sanctions#2": the evidence words are
    // re-ordered below by term index to follow the file.
    List<MatchedQuery<Object>> matches = new ArrayList<>();
    for (MatchedQuery<Object> m : found.matches()) {
      if (m.payload() instanceof Slot s && s.owner() == this) {
        matches.add(m);
      }
    }
    matches.sort(Comparator.comparingInt(m -> ((Slot) m.payload()).index()));
    for (MatchedQuery<Object> m : matches) {
      Slot s = (Slot) m.payload();
      switch (s.kind()) {
        case TERM -> {
          score[s.category()] += s.weight() * Math.min(m.hits(), MAX_HITS_PER_TERM);
          words.get(s.category()).addAll(m.terms());
        }
        case REQUIRED -> required[s.category()] = true;
        case EXCLUDED -> excluded[s.category()] = true;
      }
    }
    List<CategoryScore> out = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      Category cat = categories.get(c);
      if (score[c] >= cat.threshold() && !excluded[c] && (cat.required().isEmpty() || required[c])) {
        out.add(new CategoryScore(cat.id(), score[c], List.copyOf(words.get(c))));
      }
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return out;
  }

  /** Ids of the categories assigned, sorted. */
  public List<String> categorize(String title, String text) {
    return classify(title, text).stream().map(CategoryScore::id).toList();
  }

  /** The detail a match of {@code payload} needs when this taxonomy shares a matcher: words and counts. */
  public static boolean isCategoryQuery(Object payload) {
    return payload instanceof Slot;
  }

  /** Closes the matcher when it is the taxonomy's own; a shared one is its owner's to close. */
  @Override
  public void close() {
    if (ownsMatcher) {
      matcher.close();
    }
  }
}
