package io.wirewatch.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares the properties a schema declares with the properties records have, at every level
 * (nested objects, array items, {@code $ref}s into {@code $defs}). Validation alone cannot see a
 * property that is gone: an optional one may be missing from any record. This can.
 */
public final class ContractCheck {

  private ContractCheck() {}

  /** Paths of properties {@code instance} has that {@code schema} does not declare. */
  public static List<String> undeclared(JsonNode schema, JsonNode instance) {
    List<String> out = new ArrayList<>();
    walk(schema, schema, instance, "", out, true);
    return out;
  }

  /** Paths of properties {@code schema} declares that {@code full} (a record with every field set) lacks. */
  public static List<String> notProduced(JsonNode schema, JsonNode full) {
    List<String> out = new ArrayList<>();
    walk(schema, schema, full, "", out, false);
    return out;
  }

  /**
   * Whether records written against an earlier version ({@code golden}) are still served by
   * {@code schema}: they validate (no new required property, no retyped one) and every property
   * they have is still declared (none removed). Empty when compatible.
   */
  public static List<String> compatibility(String schemaText, JsonNode schema, JsonNode golden) {
    List<String> out = new ArrayList<>();
    TopicContracts.problems(schemaText, golden.toString()).forEach(p -> out.add("no longer valid: " + p));
    undeclared(schema, golden).forEach(p -> out.add("removed: " + p));
    return out;
  }

  private static void walk(JsonNode root, JsonNode schema, JsonNode value, String path, List<String> out,
      boolean fromInstance) {
    JsonNode s = resolve(root, schema);
    if (s == null || value == null || value.isNull()) {
      return;
    }
    if (value.isObject()) {
      JsonNode props = s.get("properties");
      if (props == null) {
        // a map (additionalProperties holds the value schema): its keys are data, not fields
        JsonNode values = s.get("additionalProperties");
        if (values != null && values.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            walk(root, values, e.getValue(), path + "." + e.getKey(), out, fromInstance);
          }
        }
        return;
      }
      if (fromInstance) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String p = path + "." + e.getKey();
          if (!props.has(e.getKey())) {
            out.add(p);
          } else {
            walk(root, props.get(e.getKey()), e.getValue(), p, out, true);
          }
        }
      } else {
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
          String k = it.next();
          String p = path + "." + k;
          if (!value.has(k)) {
            out.add(p);
          } else {
            walk(root, props.get(k), value.get(k), p, out, false);
          }
        }
      }
    } else if (value.isArray()) {
      JsonNode items = s.get("items");
      for (int i = 0; items != null && i < value.size(); i++) {
        walk(root, items, value.get(i), path + "[]", out, fromInstance);
      }
    }
  }

  /** Follows a local {@code $ref} and an {@code anyOf} with null to the schema of the value. */
  private static JsonNode resolve(JsonNode root, JsonNode s) {
    for (int hops = 0; s != null && hops < 10; hops++) {
      if (s.has("$ref")) {
        String ref = s.get("$ref").asText();
        if (!ref.startsWith("#/")) {
          return null;
        }
        s = root.at(ref.substring(1));
        continue;
      }
      if (s.has("anyOf")) {
        JsonNode next = null;
        for (JsonNode branch : s.get("anyOf")) {
          if (!"null".equals(branch.path("type").asText())) {
            next = branch;
          }
        }
        s = next;
        continue;
      }
      return s;
    }
    return s;
  }
}
