package io.wirewatch.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Json;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Rule;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every topic's value against its committed JSON Schema. Three checks together make a change of a
 * record a conscious change of its contract:
 *
 * <ul>
 *   <li>the record with every field set validates, and produces exactly the properties the schema
 *       declares: a field added to a record must be declared (as optional: see the third check),
 *       a field removed or retyped fails here first;
 *   <li>records with only the fields the record always sets validate: the schema requires no more;
 *   <li>records written by earlier versions ({@code src/test/resources/contracts/NAME/vN.json},
 *       frozen: never edited, a new file per version) still validate and keep every property
 *       declared: removing or retyping a field in both record and schema, or adding a required one,
 *       fails here; adding an optional one passes.
 * </ul>
 */
class TopicContractsTest {

  private static List<Topic<String, ?>> topics() {
    return Topics.DEFAULT.all();
  }

  private static JsonNode tree(String text) throws IOException {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void everyTopicHasAVersionedSchemaThatLetsConsumersIgnoreNewFields() throws Exception {
    for (Topic<String, ?> t : topics()) {
      Class<?> type = TopicContracts.valueType(t);
      JsonNode s = tree(TopicContracts.schemaText(type));
      assertThat(s.path("$schema").asText()).as(t.name()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(s.path("x-wirewatch-topic").asText()).as(t.name()).isEqualTo(t.name());
      int version = s.path("x-wirewatch-version").asInt();
      assertThat(version).as(t.name()).isPositive();
      assertThat(s.path("$id").asText()).as(t.name()).endsWith("/v" + version + ".json");
      assertThat(s.findValues("additionalProperties")).as("%s: additionalProperties: false would refuse an added field",
          t.name()).noneMatch(v -> v.isBoolean() && !v.asBoolean());
    }
  }

  @Test
  void theFullRecordOfEachTopicValidatesAndProducesExactlyTheDeclaredProperties() throws Exception {
    for (Topic<String, ?> t : topics()) {
      Class<?> type = TopicContracts.valueType(t);
      Object full = FullRecords.of(type);
      byte[] bytes = serialize(t, full);
      JsonNode json = Json.MAPPER.readTree(bytes);
      for (RecordComponent c : type.getRecordComponents()) {
        assertThat(json.has(c.getName())).as("FullRecords sets %s.%s", type.getSimpleName(), c.getName()).isTrue();
      }
      assertThat(TopicContracts.problems(t, bytes)).as(t.name()).isEmpty();
      JsonNode schema = tree(TopicContracts.schemaText(type));
      assertThat(ContractCheck.undeclared(schema, json))
          .as("%s: properties %s produces that %s does not declare (declare each new one, as optional)", t.name(),
              type.getSimpleName(), TopicContracts.schemaResource(type)).isEmpty();
      assertThat(ContractCheck.notProduced(schema, json))
          .as("%s: properties %s declares that %s no longer produces (removing a field breaks consumers)", t.name(),
              TopicContracts.schemaResource(type), type.getSimpleName()).isEmpty();
    }
  }

  @Test
  void recordsWithOnlyWhatTheRecordAlwaysSetsValidate() {
    Instant t = Instant.parse("2026-03-22T00:40:00Z");
    List<Object> minimal = List.of(
        new RawArticle("id", null, "https://news.example/a", null, null, null, null, "<p>x</p>", null),
        new Article("id", null, "https://news.example/a", null, null, null, null, null, null, null, null, 1),
        new Alert("rule", 0, null, "id", null, null, null, null, null, null, null, null, null, 1, null, null, null, null, null),
        new DeadLetter(Stage.PROCESS_DECODE, "unreadable", null, null, null, null),
        new SourceDefinition("s", "https://news.example/feed", null, null, null, true),
        new SourceStatus("s", t, null, 0, 0, 0, 0, 0, 0, null, 0, true, null, null, null),
        new SeenItem("s", "item", null, null),
        new Rule("r", "sanctions", null, null, null, null, null, 0),
        new Story("story", null, null, null, null, 0, 0, null, null, null, null, null, null, null, false));
    for (Object record : minimal) {
      Topic<String, ?> topic = topics().stream().filter(x -> TopicContracts.valueType(x) == record.getClass())
          .findFirst().orElseThrow();
      assertThat(TopicContracts.problems(topic, serialize(topic, record))).as(topic.name()).isEmpty();
    }
  }

  @Test
  void recordsWrittenByEarlierVersionsStillValidateAndKeepTheirFields() throws Exception {
    for (Topic<String, ?> t : topics()) {
      Class<?> type = TopicContracts.valueType(t);
      String schemaText = TopicContracts.schemaText(type);
      JsonNode schema = tree(schemaText);
      List<Path> goldens = goldens(type);
      assertThat(goldens).as("%s: at least the v1 record in contracts/", t.name()).isNotEmpty();
      for (Path g : goldens) {
        JsonNode golden = Json.MAPPER.readTree(Files.readAllBytes(g));
        assertThat(ContractCheck.compatibility(schemaText, schema, golden)).as("%s: %s", t.name(), g.getFileName())
            .isEmpty();
        assertThat(Json.MAPPER.treeToValue(golden, type)).as("%s still reads %s", type.getSimpleName(), g).isNotNull();
      }
    }
  }

  @Test
  void theDeadLetterSchemaNamesEveryStage() throws Exception {
    JsonNode stages = tree(TopicContracts.schemaText(DeadLetter.class)).at("/properties/stage/enum");
    List<String> named = new ArrayList<>();
    stages.forEach(s -> named.add(s.asText()));
    assertThat(named).containsExactlyInAnyOrderElementsOf(Arrays.stream(Stage.values()).map(Stage::wireName).toList());
  }

  @SuppressWarnings("unchecked")
  private static byte[] serialize(Topic<String, ?> t, Object value) {
    return ((Topic<String, Object>) t).valueSerde().serializer().serialize(t.name(), value);
  }

  private static List<Path> goldens(Class<?> type) throws IOException, URISyntaxException {
    String dir = "contracts/" + TopicContracts.schemaResource(type).replaceAll(".*/", "").replace(".schema.json", "");
    URL url = TopicContractsTest.class.getClassLoader().getResource(dir);
    if (url == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }
}
