package io.wirewatch.process.classify;

import io.wirewatch.model.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * One category of an analyst taxonomy, in the manner of the Europe Media Monitor: evidence is
 * weighed, not just found. Each term is a query in the alert-rule syntax (a word, a
 * {@code "phrase"}, booleans); an article's score is the sum over matched terms of weight × hits
 * (hits capped, see {@link Taxonomy#MAX_HITS_PER_TERM}), and the category is assigned when the
 * score reaches the threshold, at least one {@code required} query matches (when there are any)
 * and no {@code excluded} query matches.
 *
 * @param id        stable id, as it appears in {@code Article.categories}; no '#' or '/'
 * @param threshold the score at which the category is assigned, &gt; 0
 * @param terms     the weighted terms, at least one, in file order
 * @param required  queries of which at least one must match; empty for no requirement
 * @param excluded  queries of which none may match; empty for none
 */
public record Category(String id, double threshold, List<Term> terms, List<String> required, List<String> excluded) {

  /** A query and the weight one hit of it adds to the score ({@code > 0}). */
  public record Term(String query, double weight) {}

  public Category {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || id.contains("#") || id.contains("/")) {
      throw new InvalidInputException("category id must be non-blank and contain no '#' or '/', got '" + id + "'");
    }
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new InvalidInputException("category '" + id + "': threshold must be a number > 0, got " + threshold);
    }
    if (terms == null || terms.isEmpty()) {
      throw new InvalidInputException("category '" + id + "': at least one term is needed");
    }
    for (Term t : terms) {
      if (t.query() == null || t.query().isBlank()) {
        throw new InvalidInputException("category '" + id + "': a term is blank");
      }
      if (!(t.weight() > 0) || Double.isInfinite(t.weight())) {
        throw new InvalidInputException("category '" + id + "', term '" + t.query()
            + "': weight must be a number > 0, got " + t.weight());
      }
    }
    terms = List.copyOf(terms);
    required = checked(id, "required", required);
    excluded = checked(id, "excluded", excluded);
  }

  private static List<String> checked(String id, String what, List<String> queries) {
    if (queries == null) {
      return List.of();
    }
    for (String q : queries) {
      if (q == null || q.isBlank()) {
        throw new InvalidInputException("category '" + id + "': a " + what + " query is blank");
      }
    }
    return List.copyOf(queries);
  }
}
