package io.wirewatch.model.contract;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.CountryMention;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Rule;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Story;
import io.wirewatch.model.TopicLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One record of each topic's value type with every field set (no null, no empty list), so that
 * its JSON shows every property the record can produce. {@code TopicContractsTest} checks that it
 * is full: a field added to a record must be set here too, and then declared in its schema.
 */
public final class FullRecords {

  private static final Instant T = Instant.parse("2026-03-22T00:40:00Z");

  private FullRecords() {}

  /** The full record of {@code type}, a topic's value type. */
  public static Object of(Class<?> type) {
    Object o = all().get(type);
    if (o == null) {
      throw new IllegalArgumentException("no full record of " + type.getSimpleName() + ": add one to FullRecords");
    }
    return o;
  }

  public static Map<Class<?>, Object> all() {
    return Map.of(
        RawArticle.class, new RawArticle("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "wire", "https://news.example/a1",
            "Wire feed", T, T.plusSeconds(5), "text/html; charset=utf-8", "<html><p>text</p></html>", "ab12cd34",
            true),
        Article.class, new Article("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "wire", "https://news.example/a1",
            "North Korea pulls out of liaison office", "By A. Writer", T, "en", "North Korea withdrew...",
            List.of("diplomacy", "sanctions"), T.plusSeconds(5), "ab12cd34", 2,
            List.of(new CountryMention("KP", 11), new CountryMention("KR", 6)), new TopicLabel("World", 0.93),
            Map.of("diplomacy", 7.0, "sanctions", 9.0), "story-1"),
        Alert.class, new Alert("liaison-office", 42, "critical", "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "https://news.example/a1", "North Korea pulls out of liaison office", "wire", T,
            List.of("liaison", "office"), "withdrew from the «liaison office»", List.of("diplomacy"),
            List.of("KP", "KR"), "fp-1", 2, List.of("wire", "desk"), T.plusSeconds(60), T.plusSeconds(120), "story-1",
            List.of(new Story.StoryArticle("1e2d3c4b5a69788796a5b4c3d2e1f00f", "https://desk.example/b2",
                "Pyongyang recalls liaison staff", "desk", T.plusSeconds(90)))),
        DeadLetter.class, new DeadLetter(Stage.NOTIFY_DELIVER, "siem: gave up alert.raised after 8 attempt(s): HTTP 503",
            "java.io.IOException", "liaison-office/0f1e2d3c", "{\"channel\":\"siem\"}", T),
        SourceDefinition.class, new SourceDefinition("wire", "https://news.example/feed.rss", "rss",
            Duration.ofMinutes(5), List.of("asia"), true),
        SourceStatus.class, new SourceStatus("wire", T, "https://news.example/feed.rss", 200, 3, 1, 40, 52_000, 120,
            "HTTP 503", 2, true, "\"v1\"", "Sun, 22 Mar 2026 00:00:00 GMT", T.plusSeconds(300)),
        SeenItem.class, new SeenItem("wire", "tag:news.example,2026:1", "ab12cd34", T),
        Rule.class, new Rule("liaison-office", "\"liaison office\"", "critical", "Staff withdrawn from the office",
            true, "12h", new Rule.Filters(List.of("diplomacy"), List.of("wire"), List.of("en"), List.of("KP")), 7,
            "story"),
        Story.class, new Story("story-1", "Liaison office emptied", "en", T, T.plusSeconds(3600), 12, 5,
            List.of("wire", "desk"), List.of(new Story.StoryArticle("0f1e", "https://news.example/a1", "First", "wire", T)),
            List.of("KP"), List.of("diplomacy"), List.of("liaison"), List.of(1, 11), T.plusSeconds(1800), true));
  }
}
