package io.wirewatch.console.http;

import static io.wirewatch.console.http.ServerFixture.json;
import static io.wirewatch.console.view.ViewFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.console.events.ConsoleEvent;
import io.wirewatch.console.events.EventCursor;
import io.wirewatch.console.view.ViewFixture;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Story;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every route on a real server over the console's views: status codes, validation, the token. */
class ConsoleServerTest {

  private ServerFixture s = new ServerFixture();

  @AfterEach
  void close() {
    s.close();
  }


  private void seed() {
    s.views.alert(ViewFixture.alert("sanctions", "a1", "warning", NOW.minusSeconds(600), "s1"));
    s.views.alert(ViewFixture.alert("liaison-office", "a1", "critical", NOW.minusSeconds(300), "s1"));
    s.views.alert(ViewFixture.alert("sanctions", "a2", "warning", NOW.minusSeconds(60), null));
    s.views.story(ViewFixture.story("s1", "North Korea leaves the liaison office", NOW.minusSeconds(300),
        List.of(1, 2, 3), false, List.of(new Story.StoryArticle("a1", "https://wire.example/a1", "A1", "wire",
            NOW.minusSeconds(600)))));
    s.views.article(ViewFixture.article("a1", "wire", "Staff leave the liaison office",
        "North Korea withdrew its staff from the liaison office on Friday.", NOW.minusSeconds(600), "s1"));
    s.views.article(ViewFixture.article("t1", "desk", "Typhoon warning for the islands",
        "A typhoon is expected to reach the southern islands.", NOW.minusSeconds(900), null));
    s.views.rule(new Rule("sanctions", "sanctions"));
  }

  @Test
  void alertsNewestFirstWithFiltersAndBadParametersAre400() {
    seed();
    JsonNode all = json(s.get("/api/alerts")).get("alerts");
    assertThat(all).hasSize(3);
    assertThat(all.get(0).get("articleId").asText()).isEqualTo("a2");
    assertThat(json(s.get("/api/alerts?rule=sanctions&severity=warning&limit=1")).get("alerts"))
        .singleElement().satisfies(a -> assertThat(a.get("articleId").asText()).isEqualTo("a2"));
    assertThat(json(s.get("/api/alerts?since=2026-03-22T11:56:00Z")).get("alerts")).hasSize(1);
    assertThat(json(s.get("/api/alerts?since=7m")).get("alerts")).hasSize(2);
    assertThat(json(s.get("/api/alerts?story=s1")).get("alerts")).hasSize(2);

    for (String bad : List.of("limit=0", "limit=abc", "limit=101", "severity=urgent", "since=yesterday")) {
      HttpResponse<String> r = s.get("/api/alerts?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(r).get("error").asText()).isEqualTo("invalid input");
      assertThat(json(r).get("detail").asText()).as(bad).contains(bad.substring(0, bad.indexOf('=')));
    }
  }

  @Test
  void storiesAStoryWithItsOutletsAndAlertsAndArticles() {
    seed();
    JsonNode list = json(s.get("/api/stories?active=true&limit=5")).get("stories");
    assertThat(list).singleElement().satisfies(st -> assertThat(st.get("id").asText()).isEqualTo("s1"));
    JsonNode one = json(s.get("/api/stories/s1"));
    assertThat(one.get("story").get("headline").asText()).isEqualTo("North Korea leaves the liaison office");
    assertThat(one.get("outlets").get(0).get("sourceId").asText()).isEqualTo("wire");
    assertThat(one.get("alerts")).hasSize(2);
    assertThat(s.get("/api/stories/none").statusCode()).isEqualTo(404);
    assertThat(s.get("/api/stories?sort=loudest").statusCode()).isEqualTo(400);
    assertThat(s.get("/api/stories?active=maybe").statusCode()).isEqualTo(400);

    assertThat(json(s.get("/api/articles/a1")).get("text").asText()).contains("withdrew its staff");
    HttpResponse<String> missing = s.get("/api/articles/zzz");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").asText()).isEqualTo("not found");
  }

  @Test
  void readsAreOpenOnLoopbackButChangesNeedTheToken() {
    seed();
    String rule = "{\"query\": \"typhoon\"}";
    HttpResponse<String> none = s.send("PUT", "/api/rules/typhoon", rule, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(s.send("PUT", "/api/rules/typhoon", rule, "not-the-token").statusCode()).isEqualTo(401);
    assertThat(s.send("DELETE", "/api/rules/sanctions", null, null).statusCode()).isEqualTo(401);
    assertThat(s.send("POST", "/api/sources", "{}", null).statusCode()).isEqualTo(401);
    assertThat(s.published).isEmpty();
    // A read with a wrong token is refused too: a token is either this console's or none.
    assertThat(s.send("GET", "/api/alerts", null, "not-the-token").statusCode()).isEqualTo(401);
    assertThat(s.get("/api/alerts").statusCode()).isEqualTo(200);
    assertThat(s.change("PUT", "/api/rules/typhoon", rule).statusCode()).isEqualTo(200);
  }

  @Test
  void aRuleThatDoesNotParseIsRefusedWithThePositionAndNothingIsWritten() {
    HttpResponse<String> r = s.change("PUT", "/api/rules/broken", "{\"query\": \"\\\"unclosed\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = json(r);
    assertThat(body.get("error").asText()).isEqualTo("query does not parse");
    assertThat(body.get("detail").get("message").asText()).contains("Lexical error");
    assertThat(body.get("detail").get("line").asInt()).isEqualTo(1);
    assertThat(body.get("detail").get("column").asInt()).isEqualTo(10);
    assertThat(s.published).isEmpty();
    assertThat(json(s.get("/api/rules")).get("rules")).isEmpty();
  }

  @Test
  void rulesArePutWithTheirVersionListedAndRemoved() {
    HttpResponse<String> put = s.change("PUT", "/api/rules/typhoon",
        "{\"query\": \"typhoon OR hurricane\", \"severity\": \"critical\", \"window\": \"12h\", "
            + "\"filters\": {\"countries\": [\"JP\"]}}");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(json(put).get("severity").asText()).isEqualTo("critical");
    assertThat(s.published).singleElement().satisfies(r -> {
      assertThat(r.query()).isEqualTo("typhoon OR hurricane");
      assertThat(r.filters().countries()).containsExactly("JP");
    });
    JsonNode listed = json(s.get("/api/rules")).get("rules");
    assertThat(listed).singleElement().satisfies(r -> assertThat(r.get("version").asLong()).isZero());
    // Disabling is a put with enabled false: the same validated path.
    assertThat(s.change("PUT", "/api/rules/typhoon", "{\"query\": \"typhoon OR hurricane\", \"enabled\": false}")
        .statusCode()).isEqualTo(200);
    assertThat(json(s.get("/api/rules")).get("rules").get(0).get("enabled").asBoolean()).isFalse();

    assertThat(s.change("PUT", "/api/rules/typhoon", "{\"id\": \"other\", \"query\": \"x\"}").statusCode()).isEqualTo(400);
    assertThat(s.change("PUT", "/api/rules/typhoon", "{\"query\": \"x\", \"severity\": \"urgent\"}").statusCode())
        .isEqualTo(400);
    assertThat(s.change("PUT", "/api/rules/typhoon", "{\"query\": \"x\", \"window\": \"soon\"}").statusCode())
        .isEqualTo(400);
    assertThat(s.change("PUT", "/api/rules/typhoon", "not json").statusCode()).isEqualTo(400);
    assertThat(s.change("PUT", "/api/rules/typhoon", "{}").statusCode()).isEqualTo(400);
    assertThat(s.published).hasSize(2);

    assertThat(s.change("DELETE", "/api/rules/typhoon", null).statusCode()).isEqualTo(204);
    assertThat(s.removedRules).containsExactly("typhoon");
    assertThat(s.change("DELETE", "/api/rules/typhoon", null).statusCode()).isEqualTo(404);
    assertThat(json(s.get("/api/rules")).get("rules")).isEmpty();
  }

  @Test
  void sourcesAreValidatedAsTheCommandLineDoesAndFileUrlsAreRefused() {
    HttpResponse<String> file = s.change("POST", "/api/sources", "{\"id\": \"etc\", \"url\": \"file:/etc/passwd\"}");
    assertThat(file.statusCode()).isEqualTo(400);
    assertThat(json(file).get("detail").asText()).contains("file: URLs");
    assertThat(s.change("POST", "/api/sources", "{\"id\": \"x\", \"url\": \"ftp://x.example/\"}").statusCode())
        .isEqualTo(400);
    assertThat(s.change("POST", "/api/sources", "{\"id\": \"x\", \"url\": \"https://x.example/\", \"type\": \"pdf\"}")
        .statusCode()).isEqualTo(400);
    assertThat(s.change("POST", "/api/sources", "{\"id\": \"x\", \"url\": \"https://x.example/\", \"interval\": \"-1\"}")
        .statusCode()).isEqualTo(400);
    assertThat(s.change("POST", "/api/sources", "{\"url\": \"https://x.example/\"}").statusCode()).isEqualTo(400);
    assertThat(s.sourcesPut).isEmpty();

    HttpResponse<String> ok = s.change("POST", "/api/sources",
        "{\"id\": \"reuters-world\", \"url\": \"https://feeds.example/world.xml\", \"type\": \"rss\", \"interval\": \"10m\"}");
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(json(ok).get("health").asText()).isEqualTo("pending");
    assertThat(json(ok).get("interval").asText()).isEqualTo("10m");
    assertThat(json(s.get("/api/sources")).get("sources")).hasSize(1);
    assertThat(s.change("DELETE", "/api/sources/reuters-world", null).statusCode()).isEqualTo(204);
    assertThat(s.sourcesRemoved).containsExactly("reuters-world");
    assertThat(s.change("DELETE", "/api/sources/reuters-world", null).statusCode()).isEqualTo(404);
  }

  @Test
  void previewMatchesRetainedArticlesWithSnippetsAndTheirStory() {
    seed();
    HttpResponse<String> r = s.change("POST", "/api/rules/preview", "{\"query\": \"\\\"liaison office\\\"\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.get("scanned").asLong()).isEqualTo(2);
    assertThat(body.get("total").asLong()).isEqualTo(2);
    assertThat(body.get("matched").asLong()).isEqualTo(1);
    assertThat(body.get("truncated").asBoolean()).isFalse();
    JsonNode m = body.get("matches").get(0);
    assertThat(m.get("articleId").asText()).isEqualTo("a1");
    assertThat(m.get("snippet").asText()).contains("«liaison office»");
    assertThat(m.get("storyHeadline").asText()).isEqualTo("North Korea leaves the liaison office");
    // The rule's filters count, as in live matching.
    assertThat(json(s.change("POST", "/api/rules/preview",
        "{\"query\": \"\\\"liaison office\\\"\", \"filters\": {\"sources\": [\"desk\"]}}")).get("matched").asLong())
        .isZero();
    // Plurals fold as in live matching: the analysis is the process stage's.
    assertThat(json(s.change("POST", "/api/rules/preview", "{\"query\": \"typhoons\"}")).get("matched").asLong())
        .isEqualTo(1);

    HttpResponse<String> bad = s.change("POST", "/api/rules/preview", "{\"query\": \"title:(\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).isEqualTo("query does not parse");
  }

  @Test
  void aLongPreviewAnswers202AndItsProgressIsFollowedToTheEnd() throws Exception {
    s.close();
    s = new ServerFixture(Map.of("console.preview.wait", "0ms", "console.preview.max-articles", "2"));
    seed();
    s.views.article(ViewFixture.article("t2", "desk", "Another typhoon", "typhoon", NOW, null));
    HttpResponse<String> r = s.change("POST", "/api/rules/preview", "{\"query\": \"typhoon\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/api/rules/preview/");
    JsonNode body = json(r);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!body.get("done").asBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      body = json(s.get(location));
    }
    assertThat(body.get("done").asBoolean()).isTrue();
    // Three articles retained, the scan bound is two: it says so.
    assertThat(body.get("scanned").asLong()).isEqualTo(2);
    assertThat(body.get("total").asLong()).isEqualTo(3);
    assertThat(body.get("truncated").asBoolean()).isTrue();
    assertThat(body.get("stoppedBy").asText()).isEqualTo("articles");
    assertThat(s.get("/api/rules/preview/unknown").statusCode()).isEqualTo(404);
  }

  @Test
  void eventsNeedTheEventStreamTypeAndAReadableLastEventId() {
    HttpResponse<String> json = s.get("/api/events");
    assertThat(json.statusCode()).isEqualTo(406);
    assertThat(json(json).get("error").asText()).isEqualTo("not acceptable");
    HttpResponse<String> bad = s.send("GET", "/api/events", null, null, "Accept", "text/event-stream",
        "Last-Event-ID", "12345");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("detail").asText()).contains("not an event id");
  }

  @Test
  void eventsResumeFromLastEventIdAndCarryTheirPositionAsId() throws Exception {
    s.feed.events.add(new ConsoleEvent("alert", "a0:8,s0:2", ViewFixture.alert("sanctions", "a9", "warning", NOW, null)));
    s.feed.events.add(new ConsoleEvent("story", "a0:8,s0:3", ViewFixture.story("s9", "Typhoon", NOW, List.of(1), false,
        List.of())));
    HttpRequest req = HttpRequest.newBuilder(URI.create(s.url("/api/events")))
        .header("Accept", "text/event-stream").header("Last-Event-ID", "a0:7,s0:2").build();
    HttpResponse<Stream<String>> r = s.client().send(req, HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    List<String> lines = new ArrayList<>();
    try (Stream<String> body = r.body()) {
      Iterator<String> it = body.iterator();
      while (it.hasNext() && lines.stream().filter(l -> l.startsWith("event:")).count() < 3) {
        lines.add(it.next());
      }
    }
    assertThat(s.feed.requested).containsExactly(EventCursor.parse("a0:7,s0:2"));
    assertThat(lines).containsSubsequence("id: a0:7,s0:2", "event: hello", "id: a0:8,s0:2", "event: alert",
        "id: a0:8,s0:3", "event: story");
    assertThat(lines.stream().filter(l -> l.startsWith("data:") && l.contains("\"articleId\":\"a9\""))).hasSize(1);
  }

  @Test
  void eventsTakeTheTokenAsAQueryParameterOnlyThere() {
    assertThat(s.send("GET", "/api/events?access_token=wrong", null, null, "Accept", "text/event-stream").statusCode())
        .isEqualTo(401);
    assertThat(s.send("GET", "/api/alerts?access_token=wrong", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void healthIsAlwaysUpAndReadyFollowsTheStores() {
    assertThat(s.get("/health").statusCode()).isEqualTo(200);
    assertThat(s.get("/ready").statusCode()).isEqualTo(200);
    s.ready.set(false);
    HttpResponse<String> r = s.get("/ready");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("ready").asBoolean()).isFalse();
    assertThat(s.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aPortInUseIsReportedWithTheSettingsThatChooseIt() {
    java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
        () -> new ConsoleServer(s.config.withPort(s.server.port()), ServerFixture.TOKEN,
            new ConsoleServer.Backend(s.views.views(), null, null, null, null, s.feed), ViewFixture.CLOCK).start());
    assertThat(e.getMessage()).startsWith("console: cannot listen on 127.0.0.1:" + s.server.port())
        .contains("console.port");
  }

  @Test
  void unknownRoutesAreJson404sAndPagesCarrySecurityHeaders() {
    HttpResponse<String> r = s.get("/api/nothing-here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).isEqualTo("not found");
    HttpResponse<String> page = s.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Wirewatch console</title>").doesNotContain("${");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleServer.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void everyScriptAndStylesheetThePagesNameIsServedHere() {
    for (String page : List.of("/", "/api-docs.html")) {
      String html = s.get(page).body();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"(/[^\"#]*)\"").matcher(html);
      int n = 0;
      while (m.find()) {
        n++;
        assertThat(s.get(m.group(1)).statusCode()).as(page + " names " + m.group(1)).isEqualTo(200);
      }
      assertThat(n).as("assets named by " + page).isGreaterThanOrEqualTo(2);
      assertThat(html).as(page + " loads nothing from elsewhere").doesNotContainPattern("(src|href)=\"(https?:)?//");
    }
  }
}
