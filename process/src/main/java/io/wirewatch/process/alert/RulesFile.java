package io.wirewatch.process.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wirewatch.model.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

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
 * An entry that is not a valid rule is collected as a {@link RuleError}; the rest load.
 */
public final class RulesFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The rules read, and the entries that were not rules. */
  public record Loaded(List<Rule> rules, List<RuleError> errors) {}

  private RulesFile() {}

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
        rules.add(new Rule(id == null ? "" : id, text(n, "query") == null ? "" : text(n, "query"),
            text(n, "severity"), text(n, "description")));
      } catch (IllegalArgumentException e) {
        errors.add(new RuleError(id == null ? "#" + index : id, e.getMessage()));
      }
    }
    return new Loaded(rules, errors);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
