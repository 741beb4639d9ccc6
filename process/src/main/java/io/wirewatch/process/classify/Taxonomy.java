package io.wirewatch.process.classify;

import io.wirewatch.model.Rule;
import io.wirewatch.process.alert.RuleError;
import io.wirewatch.process.alert.RuleMatch;
import io.wirewatch.process.alert.RuleMatcher;
import io.wirewatch.process.alert.RulesFile;
import java.io.Closeable;
import java.io.InputStream;
import java.util.List;

/**
 * Assigns categories. Each category is a query in the same language as alert rules, matched by
 * the same engine, so an analyst learns one syntax:
 *
 * <pre>
 * categories:
 *   - id: sanctions
 *     query: sanctions OR embargo OR "asset freeze"
 * </pre>
 */
public final class Taxonomy implements Closeable {

  private final RuleMatcher matcher;

  public Taxonomy(List<Rule> categories) {
    this.matcher = new RuleMatcher(categories);
  }

  public static Taxonomy read(InputStream in, String name) {
    RulesFile.Loaded loaded = RulesFile.read(in, name, "categories");
    if (!loaded.errors().isEmpty()) {
      throw new io.wirewatch.model.config.ConfigException(name + ": " + loaded.errors());
    }
    Taxonomy t = new Taxonomy(loaded.rules());
    if (!t.errors().isEmpty()) {
      throw new io.wirewatch.model.config.ConfigException(name + ": " + t.errors());
    }
    return t;
  }

  public List<RuleError> errors() {
    return matcher.errors();
  }

  /** Ids of the categories the article matches, sorted. */
  public List<String> categorize(String title, String text) {
    return matcher.match(title, text).stream().map(m -> m.rule().id()).sorted().toList();
  }

  /** Every category match with its terms, for tools that explain a classification. */
  public List<RuleMatch> explain(String title, String text) {
    return matcher.match(title, text);
  }

  @Override
  public void close() {
    matcher.close();
  }
}
