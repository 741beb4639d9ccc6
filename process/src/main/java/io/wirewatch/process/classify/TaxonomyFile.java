package io.wirewatch.process.classify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wirewatch.model.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a taxonomy from YAML:
 *
 * <pre>
 * categories:
 *   - id: sanctions
 *     threshold: 4
 *     terms: {sanctions: 4, embargo: 4, '"asset freeze"': 4, blacklist: 1}
 *     required: []                                 # optional
 *     excluded: ['"sanctions relief" AND sport']   # optional
 * </pre>
 *
 * Unlike a rules file, where one bad rule must not silence the others, a taxonomy is read whole or
 * not at all: a category that silently loses a term or its exclusions would change every
 * article's categories without anyone noticing. Unknown keys are errors for the same reason (a
 * misspelt {@code exclude:} would otherwise exclude nothing).
 */
public final class TaxonomyFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a term written twice is a mistake
  private static final Set<String> KEYS = Set.of("id", "threshold", "terms", "required", "excluded");

  private TaxonomyFile() {}

  /** The categories of the file {@code name}; any problem is a {@link ConfigException} naming it. */
  public static List<Category> read(InputStream in, String name) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read taxonomy " + name + ": " + firstLine(e.getMessage()));
    }
    JsonNode list = root == null ? null : root.get("categories");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ConfigException("taxonomy " + name + " has no 'categories:' list");
    }
    List<Category> categories = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int index = 0;
    for (JsonNode n : list) {
      index++;
      String label = n.hasNonNull("id") ? "category '" + n.get("id").asText() + "'" : "category #" + index;
      try {
        Category c = category(n);
        if (!ids.add(c.id())) {
          throw new IllegalArgumentException("id is used twice");
        }
        categories.add(c);
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        throw new ConfigException("taxonomy " + name + ": " + (m.startsWith("category ") ? m : label + ": " + m));
      }
    }
    return categories;
  }

  private static Category category(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("expected a mapping with id, threshold and terms");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "' (expected one of " + KEYS + ")");
      }
    }
    JsonNode id = n.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new IllegalArgumentException("id is missing");
    }
    JsonNode threshold = n.get("threshold");
    if (threshold == null || threshold.isNull()) {
      throw new IllegalArgumentException("threshold is missing");
    }
    if (!threshold.isNumber()) {
      throw new IllegalArgumentException("threshold must be a number > 0, got '" + threshold.asText() + "'");
    }
    JsonNode terms = n.get("terms");
    if (terms == null || !terms.isObject() || terms.isEmpty()) {
      throw new IllegalArgumentException("terms must be a non-empty mapping of query to weight");
    }
    List<Category.Term> weighted = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = terms.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNumber()) {
        throw new IllegalArgumentException("term '" + e.getKey() + "': weight must be a number > 0, got '"
            + e.getValue().asText() + "'");
      }
      weighted.add(new Category.Term(e.getKey(), e.getValue().asDouble()));
    }
    return new Category(id.asText(), threshold.asDouble(), weighted,
        queries(n, "required"), queries(n, "excluded"));
  }

  private static List<String> queries(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(key + " must be a list of queries");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode q : v) {
      if (!q.isTextual()) {
        throw new IllegalArgumentException(key + " must be a list of queries, got '" + q + "'");
      }
      out.add(q.asText());
    }
    return out;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.split("\n", 2)[0];
  }
}
