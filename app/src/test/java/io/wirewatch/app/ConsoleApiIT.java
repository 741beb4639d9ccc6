package io.wirewatch.app;

import static io.wirewatch.app.ConsoleStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.model.Rule;
import io.wirewatch.process.alert.RulesTopic;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's API on the real pipeline: the bundled samples through ingest and process on an
 * embedded broker, the console reading the topics as any consumer would, its changes written
 * through the command line's validated paths and seen by the running process stage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleApiIT {

  /**
   * The sample alerts, one per rule and story, as PipelineIT names them: rule and the story's
   * matching pages. Six records make them: each matching article after the first updates its alert.
   */
  private static final Set<String> SAMPLE_ALERTS = Set.of(
      "liaison-office [analysis-nuclear-diplomacy.html, korea-liaison-withdrawal.html]",
      "sanctions [analysis-nuclear-diplomacy.html, commentary-sanctions-relief.html, korea-liaison-withdrawal.html]",
      "sanctions [export-rules-tighten.html]");

  @TempDir
  static Path dir;

  private ConsoleStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = new ConsoleStack(dir);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static String describe(JsonNode a) {
    return a.get("ruleId").asText() + " " + stream(a.get("articles")).map(x -> x.get("url").asText())
        .map(u -> u.substring(u.lastIndexOf('/') + 1)).sorted().toList();
  }

  @Test
  @Order(1)
  void theSampleAlertsAreListedNewestFirstAndFilter() throws Exception {
    JsonNode alerts = stack.awaitSampleAlerts();
    List<String> seen = new ArrayList<>();
    alerts.forEach(a -> seen.add(describe(a)));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(SAMPLE_ALERTS);
    for (int i = 1; i < alerts.size(); i++) {
      assertThat(alerts.get(i - 1).get("updatedAt").asText().compareTo(alerts.get(i).get("updatedAt").asText()))
          .as("newest first").isGreaterThanOrEqualTo(0);
    }
    assertThat(alerts).hasSize(3);
    assertThat(stack.getJson("/api/alerts?rule=liaison-office").get("alerts")).hasSize(1);
    assertThat(stack.getJson("/api/alerts?severity=critical").get("alerts")).hasSize(1)
        .allSatisfy(a -> assertThat(a.get("ruleId").asText()).isEqualTo("liaison-office"));
    assertThat(stack.getJson("/api/alerts?limit=1").get("alerts")).hasSize(1);
    assertThat(stack.send("GET", "/api/alerts?limit=0", null, false).statusCode()).isEqualTo(400);

    String id = alerts.get(0).get("articleId").asText();
    assertThat(stack.getJson("/api/articles/" + id).get("text").asText()).isNotBlank();
    assertThat(stack.send("GET", "/api/articles/0000", null, false).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void sourcesShowTheirHealthFromTheStatusTopic() throws Exception {
    JsonNode sources = stack.awaitJson("/api/sources",
        j -> j.get("sources").size() == 3 && stream(j.get("sources")).allMatch(s -> s.has("lastPoll"))).get("sources");
    assertThat(stream(sources).map(s -> s.get("id").asText())).containsExactlyInAnyOrder("wire", "desk", "analysis");
    assertThat(stream(sources).map(s -> s.get("health").asText())).containsOnly("ok");
    // A feed polled again answers 304; a page source already emitted is not fetched again (0).
    assertThat(stream(sources).filter(s -> !s.get("id").asText().equals("analysis"))
        .map(s -> s.get("httpStatus").asInt())).allSatisfy(code -> assertThat(code).isIn(200, 304));
    assertThat(stream(sources).filter(s -> s.get("id").asText().equals("analysis"))
        .map(s -> s.get("httpStatus").asInt())).allSatisfy(code -> assertThat(code).isIn(200, 0));

    // Added through the API: validated as `sources add`, written to news.sources, read back.
    HttpResponse<String> add = stack.send("POST", "/api/sources",
        "{\"id\": \"extra\", \"url\": \"http://127.0.0.1:9/nothing.xml\", \"interval\": \"1h\"}", true);
    assertThat(add.statusCode()).isEqualTo(201);
    assertThat(stack.getJson("/api/sources").get("sources")).hasSize(4);
    assertThat(stack.send("POST", "/api/sources", "{\"id\": \"etc\", \"url\": \"file:/etc/hosts\"}", true).statusCode())
        .isEqualTo(400);
    assertThat(stack.send("DELETE", "/api/sources/extra", null, false).statusCode()).isEqualTo(401);
    assertThat(stack.send("DELETE", "/api/sources/extra", null, true).statusCode()).isEqualTo(204);
    assertThat(stack.getJson("/api/sources").get("sources")).hasSize(3);
  }

  @Test
  @Order(3)
  void aRuleThatDoesNotParseWritesNothingAndAGoodOneRaisesAlertsInTheRunningPipeline() throws Exception {
    RulesTopic topic = new RulesTopic(stack.broker.bootstrapServers(), ConsoleStack.TOPICS.rules());
    HttpResponse<String> bad = stack.send("PUT", "/api/rules/broken", "{\"query\": \"\\\"unclosed\"}", true);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("detail").get("column").asInt()).isEqualTo(10);
    assertThat(topic.readAll()).doesNotContainKey("broken");
    assertThat(stack.send("PUT", "/api/rules/typhoon", "{\"query\": \"typhoon\"}", false).statusCode()).isEqualTo(401);

    // The preview runs the query over the retained articles, on the process stage's own engine.
    JsonNode preview = json(stack.send("POST", "/api/rules/preview", "{\"query\": \"typhoon OR hurricane\"}", true));
    assertThat(preview.get("done").asBoolean()).isTrue();
    assertThat(preview.get("total").asLong()).isEqualTo(7);
    assertThat(preview.get("matches")).singleElement().satisfies(m -> {
      assertThat(m.get("url").asText()).endsWith("typhoon-warning.html");
      assertThat(m.get("snippet").asText()).contains("«typhoon»");
    });

    HttpResponse<String> put = stack.send("PUT", "/api/rules/typhoon",
        "{\"query\": \"typhoon OR hurricane\", \"severity\": \"critical\"}", true);
    assertThat(put.statusCode()).isEqualTo(200);
    Map<String, Rule> written = topic.readAll();
    assertThat(written).containsKey("typhoon");
    assertThat(json(put).get("version").asLong()).as("the version the process stage sees")
        .isEqualTo(written.get("typhoon").version());

    // The running process stage applies it within seconds: new articles raise it.
    JsonNode raised = null;
    long deadline = System.nanoTime() + ConsoleStack.WAIT.toNanos();
    for (int i = 0; raised == null && System.nanoTime() < deadline; i++) {
      stack.sendArticle("https://news.example/typhoon-" + i, "Typhoon nears the islands",
          "A typhoon is expected to reach the southern islands on Monday, forecasters said.");
      Thread.sleep(2000);
      JsonNode list = stack.getJson("/api/alerts?rule=typhoon").get("alerts");
      raised = list.isEmpty() ? null : list.get(0);
    }
    assertThat(raised).as("an alert of the rule added through the console").isNotNull();
    assertThat(raised.get("severity").asText()).isEqualTo("critical");

    assertThat(stack.send("DELETE", "/api/rules/typhoon", null, true).statusCode()).isEqualTo(204);
    assertThat(topic.readAll()).doesNotContainKey("typhoon");
    assertThat(stack.send("DELETE", "/api/rules/typhoon", null, true).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void theSamplesStoryShowsItsOutletsAndAlertsAndANewStoryIsSentLive() throws Exception {
    // The three outlets' Korea articles are one story, grouped by the process stage.
    JsonNode korea = stack.awaitJson("/api/stories", j -> stream(j.get("stories"))
        .anyMatch(s -> s.get("articleCount").asInt() == 3)).get("stories");
    JsonNode story = stream(korea).filter(s -> s.get("articleCount").asInt() == 3).findFirst().orElseThrow();
    String id = story.get("id").asText();
    // The typhoon articles of the test before arrived today: in event time the 2019 story has had
    // no article for years, and is closed.
    assertThat(story.get("closed").asBoolean()).isTrue();
    assertThat(stream(stack.getJson("/api/stories?active=true").get("stories")).map(s -> s.get("id").asText()))
        .doesNotContain(id);
    JsonNode detail = stack.getJson("/api/stories/" + id);
    assertThat(detail.get("articles").asText()).as("listed from the articles that name their story").isEqualTo("articles");
    assertThat(stream(detail.get("outlets")).map(o -> o.get("sourceId").asText()))
        .containsExactlyInAnyOrderElementsOf(stream(story.get("sources")).map(JsonNode::asText).toList());
    assertThat(stream(detail.get("outlets")).flatMap(o -> stream(o.get("articles")))
        .map(a -> a.get("url").asText()).map(u -> u.substring(u.lastIndexOf('/') + 1)))
        .containsExactlyInAnyOrder("korea-liaison-withdrawal.html", "commentary-sanctions-relief.html",
            "analysis-nuclear-diplomacy.html");
    // Its alerts: one per rule.
    assertThat(stream(detail.get("alerts")).map(a -> a.get("ruleId").asText()))
        .containsExactlyInAnyOrder("liaison-office", "sanctions");
    assertThat(stack.send("GET", "/api/stories/none", null, false).statusCode()).isEqualTo(404);

    // A new event's article: its story is sent to the open event stream as the process stage writes it.
    HttpRequest req = HttpRequest.newBuilder(URI.create(stack.url("/api/events")))
        .header("Accept", "text/event-stream").build();
    HttpResponse<Stream<String>> events = stack.client().send(req, HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = events.body().iterator();
    assertThat(next(lines, "event:")).isEqualTo("event: hello");
    stack.sendArticle("https://news.example/dam-breach", "Dam breach floods three valley towns",
        "Water from the breached dam flooded three towns in the valley overnight, officials said.");
    String data = null;
    while (data == null || !data.contains("dam-breach")) {
      while (!next(lines, "event:").equals("event: story")) {
        // alerts and other stories' records may come first
      }
      data = next(lines, "data:");
    }
    assertThat(data).contains("Dam breach floods three valley towns").contains("\"closed\":false");
    events.body().close();
    assertThat(stack.awaitJson("/api/stories?active=true", j -> stream(j.get("stories"))
        .anyMatch(s -> s.get("headline").asText().startsWith("Dam breach"))).get("stories")).isNotEmpty();
  }

  @Test
  @Order(5)
  void eventsResumeAfterTheLastEventIdWithNothingLostOrRepeated() throws Exception {
    // Everything from the start: the six sample alert records, the typhoon alert and its updates,
    // every record of news.stories.
    List<String[]> all = readUntilQuiet("a0:0,a1:0,a2:0,s0:0,s1:0,s2:0");
    assertThat(all.stream().filter(e -> e[0].equals("alert")).count()).isGreaterThanOrEqualTo(7);
    assertThat(all.stream().filter(e -> e[0].equals("story")).count())
        .isEqualTo(stack.records(ConsoleStack.TOPICS.stories().name()));
    // Resumed after the third: the rest, each once. (Partitions interleave differently for each
    // consumer, so the order may differ; the records may not.)
    List<String[]> rest = readUntilQuiet(all.get(2)[1]);
    List<String> resumed = new ArrayList<>(all.subList(0, 3).stream().map(e -> e[2]).toList());
    rest.forEach(e -> resumed.add(e[2]));
    assertThat(resumed).containsExactlyInAnyOrderElementsOf(all.stream().map(e -> e[2]).toList());
    assertThat(rest).hasSize(all.size() - 3);
  }

  @Test
  @Order(6)
  void aRestartedConsoleRestoresItsStoresAndIndexes() throws Exception {
    int before = stack.getJson("/api/alerts").get("alerts").size();
    JsonNode stories = stack.getJson("/api/stories").get("stories");
    String korea = stream(stories).filter(s -> s.get("articleCount").asInt() == 3).findFirst().orElseThrow()
        .get("id").asText();
    stack.stopConsole();
    stack.startConsole();
    JsonNode ready = stack.getJson("/ready");
    assertThat(ready.get("ready").asBoolean()).isTrue();
    assertThat(ready.get("streams").asText()).isEqualTo("RUNNING");
    assertThat(stack.getJson("/api/alerts").get("alerts")).hasSize(before);
    assertThat(stack.getJson("/api/stories").get("stories")).hasSize(stories.size());
    assertThat(stack.getJson("/api/stories/" + korea).get("alerts")).hasSize(2);
  }

  /**
   * Events after {@code lastEventId}, as {type, id, data}, until the stream falls quiet (the
   * server's keep-alive comment, sent after two quiet seconds in these tests).
   */
  private List<String[]> readUntilQuiet(String lastEventId) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(stack.url("/api/events")))
        .header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId).build();
    HttpResponse<Stream<String>> r = stack.client().send(req, HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    List<String[]> out = new ArrayList<>();
    String id = null;
    String type = null;
    try (Stream<String> body = r.body()) {
      Iterator<String> it = body.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.startsWith(":")) {
          break;
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ") && !"hello".equals(type)) {
          out.add(new String[] {type, id, line.substring(6)});
        }
      }
    }
    return out;
  }

  private static String next(Iterator<String> lines, String prefix) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (lines.hasNext() && System.nanoTime() < deadline) {
      String l = lines.next();
      if (l.startsWith(prefix)) {
        return l;
      }
    }
    throw new AssertionError("no line starting with " + prefix);
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> l = new ArrayList<>();
    array.forEach(l::add);
    return l.stream();
  }
}
