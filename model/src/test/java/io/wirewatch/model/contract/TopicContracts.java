package io.wirewatch.model.contract;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.wirewatch.model.JsonSerde;
import io.wirewatch.model.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each topic's value checked against its committed JSON Schema
 * ({@code io/wirewatch/model/schema/<value-type>.schema.json} in model's resources), with format
 * assertions on ({@code date-time} is checked, not just noted). Used by the contract tests and by
 * the end-to-end tests on every record they read.
 */
public final class TopicContracts {

  private static final String DIR = "io/wirewatch/model/schema/";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private TopicContracts() {}

  /** The value type of {@code topic}. */
  public static Class<?> valueType(Topic<String, ?> topic) {
    if (!(topic.valueSerde() instanceof JsonSerde<?> s)) {
      throw new IllegalArgumentException(topic + " has no JSON value");
    }
    return s.type();
  }

  /** The classpath resource of the schema of {@code type}: {@code RawArticle} -> {@code raw-article.schema.json}. */
  public static String schemaResource(Class<?> type) {
    return DIR + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".schema.json";
  }

  public static String schemaText(Class<?> type) {
    String resource = schemaResource(type);
    try (InputStream in = TopicContracts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no JSON Schema " + resource + " for " + type.getSimpleName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with {@code json} against {@code schemaText}; empty when it validates. */
  public static List<String> problems(String schemaText, String json) {
    Schema schema = SCHEMAS.computeIfAbsent(schemaText, t -> REGISTRY.getSchema(t, InputFormat.JSON));
    List<Error> errors = schema.validate(json, InputFormat.JSON,
        (execution, context) -> execution.executionConfig(c -> c.formatAssertionsEnabled(true)));
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  /** What is wrong with the value {@code value} of {@code topic}; empty when it validates. */
  public static List<String> problems(Topic<String, ?> topic, byte[] value) {
    return problems(schemaText(valueType(topic)), new String(value, StandardCharsets.UTF_8));
  }

  /** Fails, naming the topic, the problems and the record, when {@code value} does not validate. */
  public static void assertValid(Topic<String, ?> topic, byte[] value) {
    if (value == null) {
      return; // a tombstone
    }
    List<String> p = problems(topic, value);
    if (!p.isEmpty()) {
      String json = new String(value, StandardCharsets.UTF_8);
      throw new AssertionError("a record of " + topic.name() + " breaks its contract " + schemaResource(valueType(topic))
          + ": " + p + "\n" + (json.length() > 2_000 ? json.substring(0, 2_000) + "..." : json));
    }
  }
}
