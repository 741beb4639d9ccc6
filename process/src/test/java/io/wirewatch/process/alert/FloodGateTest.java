package io.wirewatch.process.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Story;
import io.wirewatch.process.StateView;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FloodGateTest {

  private static final Instant T0 = Instant.parse("2019-03-22T00:00:00Z");

  private final Map<String, FloodGate.Memory> stored = new HashMap<>();
  private final StateView<FloodGate.Memory> memory = StateView.of(stored);
  private final FloodGate gate = new FloodGate();

  /** An alert of {@code rule} on an article of {@code story}; the rule "short" has a 1 h window, others 3 d. */
  private static PendingAlert alert(String rule, String article, String source, String story, Instant at) {
    return pending(rule, article, source, story, at, false);
  }

  private static PendingAlert pending(String rule, String article, String source, String story, Instant at,
      boolean perArticle) {
    return new PendingAlert(new Alert(rule, 0, "warning", article, "https://" + source + "/" + article, "t", source,
        null, List.of(), "", List.of(), List.of(), "f-" + article, 1, null, at, at, story, null),
        rule.equals("short") ? Duration.ofHours(1) : Duration.ofDays(3), perArticle);
  }

  @Test
  void theFirstArticleOfAStoryRaisesTheAlert() {
    PendingAlert a = alert("r", "a1", "wire", "s1", T0);
    assertThat(gate.admit(a, memory)).containsSame(a.alert());
  }

  @Test
  void laterArticlesOfTheStoryUpdateTheFirstAlert() {
    gate.admit(alert("r", "a1", "wire", "s1", T0), memory);
    Alert second = gate.admit(alert("r", "a2", "desk", "s1", T0.plusSeconds(60)), memory).orElseThrow();
    Alert third = gate.admit(alert("r", "a3", "agency", "s1", T0.plusSeconds(120)), memory).orElseThrow();
    assertThat(second.key()).isEqualTo("r/a1");
    assertThat(third.key()).isEqualTo("r/a1");
    assertThat(third.count()).isEqualTo(3);
    assertThat(third.sources()).containsExactly("wire", "desk", "agency");
    assertThat(third.articles()).extracting(Story.StoryArticle::id).containsExactly("a3", "a2", "a1");
    assertThat(third.updatedAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(third.raisedAt()).isEqualTo(T0);
  }

  @Test
  void anEditOfAnArticleTheAlertCountsSaysNothingNew() {
    gate.admit(alert("r", "a1", "wire", "s1", T0), memory);
    gate.admit(alert("r", "a2", "desk", "s1", T0.plusSeconds(60)), memory);
    assertThat(gate.admit(alert("r", "a1", "wire", "s1", T0.plusSeconds(90)), memory)).isEmpty();
    assertThat(gate.admit(alert("r", "a3", "wire", "s1", T0.plusSeconds(95)), memory).orElseThrow().count())
        .isEqualTo(3);
  }

  @Test
  void anotherRuleOrAnotherStoryIsANewAlert() {
    gate.admit(alert("r", "a1", "wire", "s1", T0), memory);
    assertThat(gate.admit(alert("other", "a1", "wire", "s1", T0), memory).orElseThrow().count()).isEqualTo(1);
    assertThat(gate.admit(alert("r", "a3", "wire", "s2", T0), memory).orElseThrow().key()).isEqualTo("r/a3");
  }

  @Test
  void theWindowSlidesWithEachUpdateAndAStoryQuietForLongerAlertsAgain() {
    gate.admit(alert("short", "a1", "wire", "s1", T0), memory);
    // 50 minutes later: within the window, an update, which keeps the alert open another hour
    assertThat(gate.admit(alert("short", "a2", "desk", "s1", T0.plus(Duration.ofMinutes(50))), memory)
        .orElseThrow().count()).isEqualTo(2);
    FloodGate.Memory open = stored.get("short|story|s1");
    assertThat(gate.expired(open, T0.plus(Duration.ofMinutes(100)))).isFalse();
    assertThat(gate.expired(open, T0.plus(Duration.ofMinutes(111)))).isTrue();
    Alert late = gate.admit(alert("short", "a3", "desk", "s1", T0.plus(Duration.ofMinutes(111))), memory)
        .orElseThrow();
    assertThat(late.count()).isEqualTo(1);
    assertThat(late.key()).isEqualTo("short/a3");
  }

  @Test
  void perArticleRulesAndArticlesWithoutAStoryAlertOncePerPage() {
    gate.admit(pending("r", "a1", "wire", "s1", T0, true), memory);
    assertThat(gate.admit(pending("r", "a2", "desk", "s1", T0, true), memory).orElseThrow().key()).isEqualTo("r/a2");
    // the same page again (edited): its alert is updated
    assertThat(gate.admit(pending("r", "a1", "wire", "s1", T0.plusSeconds(5), true), memory).orElseThrow().count())
        .isEqualTo(2);
    gate.admit(alert("s", "x1", "wire", null, T0), memory);
    assertThat(gate.admit(alert("s", "x2", "desk", null, T0), memory).orElseThrow().key()).isEqualTo("s/x2");
  }
}
