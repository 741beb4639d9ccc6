package io.wirewatch.process.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wirewatch.model.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import io.wirewatch.model.Rule;

/**
 * Reads rule definitions from YAML, under a top-level list named {@code listName}:
 *
 * <pre>
 * rules:
 *   - id: sanctions
 *     query: sanctions
 *     severity: warning
 * </pre>
 *
 * An entry may also carry {@code description}, {@code enabled}, {@code window} and {@code filters}
 * (see {@link Rule}). An entry that is not a valid rule is collected as a {@link RuleError}; the
 * rest load.
 */
public final class RulesFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The rules read, and the entries that were not rules. */
  public record Loaded(List<Rule> rules, List<RuleError> errors) {}

  private RulesFile() {}

  /** The rules of a YAML file with a top-level {@code rules:} list. */
  public static Loaded read(java.nio.file.Path file) {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return read(in, file.toString(), "rules");
    } catch (IOException e) {
      throw new ConfigException("cannot read rules file " + file + ": " + e.getMessage());
    }
  }

  public static Loaded read(InputStream in, String name, String listName) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + name + ": " + e.getMessage());
    }
    JsonNode list = root == null ? null : root.get(listName);
    if (list == null || !list.isArray()) {
      throw new ConfigException(name + " has no '" + listName + ":' list");
    }
    List<Rule> rules = new ArrayList<>();
    List<RuleError> errors = new ArrayList<>();
    int index = 0;
    for (JsonNode n : list) {
      index++;
      String id = text(n, "id");
      try {
        rules.add(YAML.treeToValue(n, Rule.class));
      } catch (IOException | IllegalArgumentException e) {
        errors.add(new RuleError(id == null ? "#" + index : id, rootMessage(e)));
      }
    }
    return new Loaded(rules, errors);
  }

  /** Jackson wraps the record's own validation message; the analyst needs only that message. */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    return m.split("\n", 2)[0];
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
