package io.wirewatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

  private final JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);

  @Test
  void roundTripsWithIsoTimes() {
    Alert a = new Alert("sanctions", 3, "warning", "id1", "https://x/a", "T", "src",
        Instant.parse("2019-03-22T00:40:00Z"), List.of("sanctions"), "…«sanctions»…", List.of("trade"),
        List.of("KP", "US"), "f1", 2, List.of("src", "other"), Instant.parse("2019-03-22T01:00:00Z"), Instant.parse("2019-03-22T02:00:00Z"), "s-1", null);
    byte[] bytes = serde.serializer().serialize("t", a);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"published\":\"2019-03-22T00:40:00Z\"");
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(a);
  }

  @Test
  void unknownFieldsAreIgnoredForForwardCompatibility() {
    String json = "{\"ruleId\":\"r\",\"articleId\":\"a\",\"severity\":\"info\",\"addedLater\":42}";
    Alert a = serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    assertThat(a.ruleId()).isEqualTo("r");
    assertThat(a.matchedTerms()).isEmpty();
    assertThat(a.count()).isEqualTo(1);
  }

  @Test
  void articleCategoryScoresRoundTripSortedById() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("sanctions", 12.0);
    scores.put("diplomacy", 7.5);
    Article a = new Article("id1", "src", "https://x/a", "T", null, null, "en", "text",
        List.of("diplomacy", "sanctions"), Instant.EPOCH, "h", 1, List.of(), null, scores, "s-1");
    JsonSerde<Article> articles = new JsonSerde<>(Article.class);
    byte[] bytes = articles.serializer().serialize("t", a);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"categoryScores\":{\"diplomacy\":7.5,\"sanctions\":12.0}");
    assertThat(articles.deserializer().deserialize("t", bytes)).isEqualTo(a);
  }

  @Test
  void articleWithoutCategoryScoresReadsAsEmpty() {
    String json = "{\"id\":\"a\",\"url\":\"https://x/a\",\"categories\":[\"trade\"]}";
    Article a = new JsonSerde<>(Article.class).deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    assertThat(a.categories()).containsExactly("trade");
    assertThat(a.categoryScores()).isEmpty();
  }

  @Test
  void garbageNamesTypeAndTopic() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("news.alerts", "{oops".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not a Alert record on news.alerts");
  }

  @Test
  void nullStaysNull() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void deadLetterPayloadIsTruncated() {
    DeadLetter d = new DeadLetter(Stage.PROCESS_CLEAN, "r", null, "x", "a".repeat(10_000), Instant.EPOCH);
    assertThat(d.payload()).hasSizeLessThan(DeadLetter.MAX_PAYLOAD_CHARS + 20).endsWith("…[truncated]");
  }

  @Test
  void newIngestRecordsRoundTrip() {
    java.time.Instant at = java.time.Instant.parse("2024-05-01T10:00:00Z");
    SourceStatus st = new SourceStatus("wire", at, "http://x/feed", 304, 0, 0, 12, 0, 15, null, 0, true,
        "\"e1\"", null, at.plusSeconds(300));
    JsonSerde<SourceStatus> s1 = new JsonSerde<>(SourceStatus.class);
    org.assertj.core.api.Assertions.assertThat(s1.deserializer().deserialize("t", s1.serializer().serialize("t", st)))
        .isEqualTo(st);
    SourceDefinition d = new SourceDefinition("wire", "http://x/feed", "rss", java.time.Duration.ofMinutes(5),
        java.util.List.of("asia"), true);
    JsonSerde<SourceDefinition> s2 = new JsonSerde<>(SourceDefinition.class);
    org.assertj.core.api.Assertions.assertThat(s2.deserializer().deserialize("t", s2.serializer().serialize("t", d)))
        .isEqualTo(d);
    RawArticle r = new RawArticle("id", "wire", "http://x/a", null, null, at, "text/html", "<p>", "h", true);
    JsonSerde<RawArticle> s3 = new JsonSerde<>(RawArticle.class);
    org.assertj.core.api.Assertions.assertThat(s3.deserializer().deserialize("t", s3.serializer().serialize("t", r)).update())
        .isTrue();
  }
}
