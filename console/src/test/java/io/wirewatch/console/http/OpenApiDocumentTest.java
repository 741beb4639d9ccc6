package io.wirewatch.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the routes the server registers name the same operations. */
class OpenApiDocumentTest {

  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedOneRegistered() {
    try (ServerFixture s = new ServerFixture()) {
      JsonNode doc = ServerFixture.json(s.get("/openapi.json"));
      assertThat(doc.get("openapi").asText()).startsWith("3.");

      Set<String> documented = new HashSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
        Map.Entry<String, JsonNode> p = paths.next();
        p.getValue().fieldNames().forEachRemaining(m -> {
          if (HTTP_METHODS.contains(m)) {
            documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
          }
        });
      }
      Set<String> registered = new HashSet<>();
      s.server.routes().forEach(r -> registered.add(r.method() + " " + r.path()));

      assertThat(registered).as("routes the server registered").contains("GET /api/events", "PUT /api/rules/{id}",
          "POST /api/rules/preview", "GET /ready");
      assertThat(documented).as("operations in openapi.json").containsExactlyInAnyOrderElementsOf(registered);
    }
  }

  @Test
  void everyOperationSaysWhatItAnswersAndEveryReferenceResolves() {
    try (ServerFixture s = new ServerFixture()) {
      JsonNode doc = ServerFixture.json(s.get("/openapi.json"));
      JsonNode schemas = doc.get("components").get("schemas");
      doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
        assertThat(op.getValue().has("summary")).as(op.getKey() + " " + p.getKey()).isTrue();
        assertThat(op.getValue().get("responses").size()).as(op.getKey() + " " + p.getKey()).isPositive();
      }));
      String text = doc.toString();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
      while (m.find()) {
        assertThat(schemas.has(m.group(1))).as("schema " + m.group(1)).isTrue();
      }
    }
  }
}
