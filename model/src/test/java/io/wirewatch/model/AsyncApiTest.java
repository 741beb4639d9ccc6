package io.wirewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wirewatch.model.contract.TopicContracts;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document says what the code does: every topic, its schema, its retention, a writer. */
class AsyncApiTest {

  private static JsonNode doc;

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in = AsyncApiTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
      assertThat(in).as("asyncapi.yaml in model's resources").isNotNull();
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  private static JsonNode channelOf(String address) {
    for (JsonNode c : doc.get("channels")) {
      if (c.path("address").asText().equals(address)) {
        return c;
      }
    }
    return null;
  }

  private static JsonNode resolve(String ref) {
    assertThat(ref).startsWith("#/");
    JsonNode n = doc.at(ref.substring(1));
    assertThat(n.isMissingNode()).as(ref).isFalse();
    return n;
  }

  @Test
  void isAnAsyncApi3DocumentWithOneChannelPerTopic() {
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    assertThat(doc.get("channels").size()).isEqualTo(Topics.DEFAULT.all().size());
  }

  @Test
  void eachTopicsChannelNamesItsKeyItsSchemaAndItsRetentionAsCreated() {
    Topics topics = Topics.DEFAULT;
    for (Topic<String, ?> t : topics.all()) {
      JsonNode channel = channelOf(t.name());
      assertThat(channel).as("a channel for %s", t.name()).isNotNull();
      JsonNode message = resolve(channel.get("messages").elements().next().get("$ref").asText());
      assertThat(message.at("/bindings/kafka/key/type").asText()).as(t.name()).isEqualTo("string");
      String schemaRef = message.at("/payload/schema/$ref").asText();
      assertThat(schemaRef).as(t.name()).isEqualTo("./" + TopicContracts.schemaResource(TopicContracts.valueType(t)));
      assertThat(getClass().getClassLoader().getResource(schemaRef.substring(2))).as(schemaRef).isNotNull();

      Map<String, String> created = TopicCreator.configFor(topics, t);
      JsonNode config = channel.at("/bindings/kafka/topicConfiguration");
      List<String> policy = new ArrayList<>();
      config.path("cleanup.policy").forEach(p -> policy.add(p.asText()));
      assertThat(String.join(",", policy)).as("%s cleanup.policy", t.name())
          .isEqualTo(created.getOrDefault("cleanup.policy", "delete"));
      for (String key : List.of("retention.ms", "max.message.bytes")) {
        if (created.containsKey(key)) {
          assertThat(config.path(key).asText()).as("%s %s", t.name(), key).isEqualTo(created.get(key));
        } else {
          assertThat(config.has(key)).as("%s %s", t.name(), key).isFalse();
        }
      }
    }
    assertThat(channelOf(topics.rules().name()).at("/bindings/kafka/partitions").asInt()).isEqualTo(1);
  }

  @Test
  void everyTopicHasAWriterAndEveryOperationAChannel() {
    Set<String> written = new HashSet<>();
    for (JsonNode op : doc.get("operations")) {
      JsonNode channel = resolve(op.at("/channel/$ref").asText());
      assertThat(op.path("tags").size()).as("who: %s", op).isPositive();
      if (op.path("action").asText().equals("send")) {
        written.add(channel.path("address").asText());
      }
    }
    assertThat(written).containsExactlyInAnyOrderElementsOf(Topics.DEFAULT.all().stream().map(Topic::name).toList());
  }
}
