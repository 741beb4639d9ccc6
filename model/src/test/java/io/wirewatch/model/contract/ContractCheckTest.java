package io.wirewatch.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.model.Json;
import org.junit.jupiter.api.Test;

/** What counts as a compatible change of a contract, on a small schema of its own. */
class ContractCheckTest {

  private static final String V1 = """
      {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["id"],
       "properties": {"id": {"type": "string"}, "count": {"type": "integer"},
         "at": {"type": ["string", "null"], "format": "date-time"},
         "items": {"type": "array", "items": {"$ref": "#/$defs/Item"}}},
       "$defs": {"Item": {"type": "object", "properties": {"name": {"type": "string"}}}}}
      """;
  private static final String GOLDEN = """
      {"id": "a", "count": 2, "at": "2026-03-22T00:40:00Z", "items": [{"name": "x"}]}
      """;

  private static JsonNode tree(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  private static java.util.List<String> check(String schema) throws Exception {
    return ContractCheck.compatibility(schema, tree(schema), tree(GOLDEN));
  }

  @Test
  void theSameSchemaIsCompatible() throws Exception {
    assertThat(check(V1)).isEmpty();
  }

  @Test
  void addingAnOptionalFieldStaysCompatible() throws Exception {
    assertThat(check(V1.replace("\"count\": {\"type\": \"integer\"},",
        "\"count\": {\"type\": \"integer\"}, \"storyId\": {\"type\": [\"string\", \"null\"]},"))).isEmpty();
    assertThat(check(V1.replace("\"name\": {\"type\": \"string\"}", "\"name\": {\"type\": \"string\"}, \"url\": {\"type\": \"string\"}")))
        .as("in a nested object too").isEmpty();
  }

  @Test
  void addingARequiredFieldIsNot() throws Exception {
    assertThat(check(V1.replace("\"required\": [\"id\"]", "\"required\": [\"id\", \"storyId\"]")
        .replace("\"count\": {\"type\": \"integer\"},", "\"count\": {\"type\": \"integer\"}, \"storyId\": {\"type\": \"string\"},")))
        .singleElement().asString().startsWith("no longer valid").contains("storyId");
  }

  @Test
  void removingAFieldIsNotEvenAnOptionalOneOrANestedOne() throws Exception {
    assertThat(check(V1.replace("\"count\": {\"type\": \"integer\"},", ""))).containsExactly("removed: .count");
    assertThat(check(V1.replace("\"name\": {\"type\": \"string\"}", ""))).containsExactly("removed: .items[].name");
  }

  @Test
  void retypingAFieldIsNot() throws Exception {
    assertThat(check(V1.replace("\"count\": {\"type\": \"integer\"}", "\"count\": {\"type\": \"string\"}")))
        .singleElement().asString().startsWith("no longer valid").contains("count");
    assertThat(check(V1.replace("\"format\": \"date-time\"", "\"format\": \"uuid\""))).as("a format is part of the type")
        .isNotEmpty();
  }

  @Test
  void aFieldTheRecordStopsProducingIsSeenEvenWhenOptional() throws Exception {
    JsonNode schema = tree(V1);
    assertThat(ContractCheck.notProduced(schema, tree("{\"id\": \"a\", \"at\": null, \"items\": [{\"name\": \"x\"}]}")))
        .containsExactly(".count");
    assertThat(ContractCheck.undeclared(schema, tree("{\"id\": \"a\", \"extra\": 1, \"items\": [{\"name\": \"x\", \"more\": 2}]}")))
        .containsExactly(".extra", ".items[].more");
  }
}
