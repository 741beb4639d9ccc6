package io.wirewatch.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A stored search: when its query matches an article (and its filters accept the article), an
 * alert is raised. The value of {@code news.rules}, keyed by {@link #id()}; a tombstone removes it.
 *
 * @param id          stable id, the first half of the alert key; no '/'
 * @param query       Lucene query syntax over the fields {@code title} and {@code text}
 * @param severity    {@code info}, {@code warning} or {@code critical} (default warning)
 * @param description what the rule is for, shown to analysts; may be null
 * @param enabled     false keeps the rule stored but inactive; null means true
 * @param window      flood-control window such as {@code 3d}: an alert stays open for updates this long
 *                    after its latest update; null for the configured default
 * @param filters     restrictions on the article's metadata; null for none
 * @param version     set by the process stage from the position of the rule's record in
 *                    {@code news.rules} ({@link #versionAt}): unique among all rules, and every change
 *                    of a rule has a larger one; 0 for rules read from a file
 * @param per         {@code story} (the default): one alert per story, later matching articles of the
 *                    story update it; {@code article}: one alert per article (an edit of the page
 *                    updates it)
 */
public record Rule(
    String id,
    String query,
    String severity,
    String description,
    Boolean enabled,
    String window,
    Filters filters,
    long version,
    String per) {

  public static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
  /** One alert per story: later matching articles of the story update it. */
  public static final String PER_STORY = "story";
  /** One alert per article. */
  public static final String PER_ARTICLE = "article";
  /** The id of the alerts a bursting story raises; no rule may take it. */
  public static final String BURST_RULE_ID = "story-burst";

  /** Partitions of {@code news.rules} that {@link #versionAt} keeps apart; more are refused. */
  public static final int MAX_RULES_PARTITIONS = 1024;

  /**
   * The version of the record at {@code offset} of {@code partition} in a {@code news.rules} of
   * {@code partitions} partitions. With one partition (what Wirewatch creates) it is the offset: one
   * global order of rule changes. A topic created with more partitions by an older Wirewatch keeps
   * offsets per partition, so there it is {@code offset * 1024 + partition}: still unique, still
   * growing with each change of one rule (a rule's records share a partition), but not an offset.
   */
  public static long versionAt(int partition, long offset, int partitions) {
    if (partitions < 1 || partitions > MAX_RULES_PARTITIONS) {
      throw new IllegalArgumentException("partitions must be in [1, " + MAX_RULES_PARTITIONS + "], got " + partitions);
    }
    return partitions == 1 ? offset : offset * MAX_RULES_PARTITIONS + partition;
  }

  /** True when {@code other} defines the same rule, whatever the versions: importing it again changes nothing. */
  public boolean sameDefinition(Rule other) {
    return other != null && withVersion(0).equals(other.withVersion(0));
  }

  /**
   * Metadata an article must have for the rule to fire; each non-empty list must contain the
   * article's value (for categories and countries: at least one of the article's).
   */
  public record Filters(List<String> categories, List<String> sources, List<String> languages,
      List<String> countries) {
    public Filters {
      categories = categories == null ? List.of() : List.copyOf(categories);
      countries = countries == null ? List.of() : List.copyOf(countries);
      sources = sources == null ? List.of() : List.copyOf(sources);
      languages = languages == null ? List.of() : List.copyOf(languages);
    }

    public static final Filters NONE = new Filters(null, null, null, null);

    public boolean accepts(Article a) {
      return (categories.isEmpty() || a.categories().stream().anyMatch(categories::contains))
          && (sources.isEmpty() || sources.contains(a.sourceId()))
          && (languages.isEmpty() || languages.contains(a.language()))
          && (countries.isEmpty() || a.countries().stream().anyMatch(c -> countries.contains(c.code())));
    }
  }

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(query, "query");
    if (id.isBlank() || id.contains("/")) {
      throw new InvalidInputException("rule id must be non-blank and contain no '/', got '" + id + "'");
    }
    if (id.equals(BURST_RULE_ID)) {
      throw new InvalidInputException("rule id '" + BURST_RULE_ID + "' is reserved for the alerts of bursting stories");
    }
    per = per == null || per.isBlank() ? PER_STORY : per.trim().toLowerCase(Locale.ROOT);
    if (!per.equals(PER_STORY) && !per.equals(PER_ARTICLE)) {
      throw new InvalidInputException("rule " + id + ": per must be story or article, got '" + per + "'");
    }
    if (query.isBlank()) {
      throw new InvalidInputException("rule " + id + ": query must not be blank");
    }
    severity = severity == null ? "warning" : severity.trim().toLowerCase(Locale.ROOT);
    if (!SEVERITIES.contains(severity)) {
      throw new InvalidInputException("rule " + id + ": severity must be one of " + SEVERITIES
          + ", got '" + severity + "'");
    }
    enabled = enabled == null ? Boolean.TRUE : enabled;
    filters = filters == null ? Filters.NONE : filters;
    if (window != null && !window.isBlank()) {
      try {
        io.wirewatch.model.config.Settings.parseDuration(window);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("rule " + id + ": window " + e.getMessage(), e);
      }
    }
  }

  /** A rule with only an id and a query: severity warning, enabled, no filters. */
  public Rule(String id, String query) {
    this(id, query, null, null, null, null, null, 0, null);
  }

  /** A rule alerting once per story. */
  public Rule(String id, String query, String severity, String description, Boolean enabled, String window,
      Filters filters, long version) {
    this(id, query, severity, description, enabled, window, filters, version, null);
  }

  /** True when the rule alerts once per article instead of once per story. */
  public boolean perArticle() {
    return PER_ARTICLE.equals(per);
  }

  /** The flood-control window, or null when the rule names none. */
  public java.time.Duration windowDuration() {
    return window == null || window.isBlank() ? null : io.wirewatch.model.config.Settings.parseDuration(window);
  }

  public Rule withVersion(long v) {
    return new Rule(id, query, severity, description, enabled, window, filters, v, per);
  }
}
