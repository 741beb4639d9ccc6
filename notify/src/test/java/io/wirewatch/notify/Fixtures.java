package io.wirewatch.notify;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Story;
import java.time.Instant;
import java.util.List;

/** Records as the process stage writes them, for notify's tests. */
public final class Fixtures {

  public static final Instant RAISED = Instant.parse("2026-03-22T00:40:00Z");

  private Fixtures() {}

  public static Alert alert(String rule, String article, String severity) {
    return new Alert(rule, 3, severity, article, "https://news.example/" + article, "Headline of " + article,
        "wire", RAISED.minusSeconds(600), List.of("liaison", "office"),
        "North Korea withdrew from the «liaison office» on Friday", List.of("diplomacy"), List.of("KP", "KR"),
        "fp-" + article, 1, List.of("wire"), RAISED, RAISED, null);
  }

  public static Alert update(Alert a, String severity, int count, Instant at) {
    return new Alert(a.ruleId(), a.ruleVersion(), severity, a.articleId(), a.url(), a.title(), a.sourceId(),
        a.published(), a.matchedTerms(), a.snippet(), a.categories(), a.countries(), a.fingerprint(), count,
        List.of("wire", "desk"), a.raisedAt(), at, a.storyId());
  }

  public static Story story(String id, Instant burstAt) {
    return story(id, burstAt, false);
  }

  public static Story story(String id, Instant burstAt, boolean closed) {
    return new Story(id, "Liaison office emptied", "en", RAISED, RAISED.plusSeconds(3600), 12, 5,
        List.of("wire", "desk"), List.of(new Story.StoryArticle("a1", "https://news.example/a1", "First", "wire",
            RAISED)), List.of("KP"), List.of("diplomacy"), List.of("liaison"), List.of(1, 11), burstAt, closed);
  }
}
