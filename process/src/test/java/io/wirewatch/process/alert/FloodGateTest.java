package io.wirewatch.process.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Alert;
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

  /** An alert of {@code rule}, whose window is 1 h for the rule "short", else 24 h. */
  private static PendingAlert alert(String rule, String article, String url, String source, String fingerprint,
      Instant at) {
    return new PendingAlert(new Alert(rule, 0, "warning", article, url, "t", source, null, List.of(), "", List.of(),
        List.of(), fingerprint, 1, null, at, at, null), rule.equals("short") ? Duration.ofHours(1) : Duration.ofHours(24));
  }

  @Test
  void firstAlertPassesUnchanged() {
    PendingAlert a = alert("r", "a1", "https://x/1", "wire", "f1", T0);
    assertThat(gate.admit(a, memory)).isSameAs(a.alert());
  }

  @Test
  void sameStoryElsewhereUpdatesTheFirstAlert() {
    gate.admit(alert("r", "a1", "https://x/1", "wire", "f1", T0), memory);
    Alert second = gate.admit(alert("r", "a2", "https://y/2", "desk", "f1", T0.plusSeconds(60)), memory);
    assertThat(second.key()).isEqualTo("r/a1");
    assertThat(second.count()).isEqualTo(2);
    assertThat(second.sources()).containsExactly("wire", "desk");
    assertThat(second.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(second.raisedAt()).isEqualTo(T0);
  }

  @Test
  void sameUrlWithOtherTextUpdatesToo() {
    gate.admit(alert("r", "a1", "https://x/1", "wire", "f1", T0), memory);
    assertThat(gate.admit(alert("r", "a1", "https://x/1", "wire", "f2", T0.plusSeconds(5)), memory).count()).isEqualTo(2);
  }

  @Test
  void otherRuleOrOtherStoryIsANewAlert() {
    gate.admit(alert("r", "a1", "https://x/1", "wire", "f1", T0), memory);
    assertThat(gate.admit(alert("other", "a1", "https://x/1", "wire", "f1", T0), memory).count()).isEqualTo(1);
    assertThat(gate.admit(alert("r", "a3", "https://x/3", "wire", "f3", T0), memory).count()).isEqualTo(1);
  }

  @Test
  void afterTheRulesWindowTheStoryAlertsAgain() {
    gate.admit(alert("short", "a1", "https://x/1", "wire", "f1", T0), memory);
    FloodGate.Memory first = stored.get("short|url|https://x/1");
    assertThat(gate.expired(first, T0.plus(Duration.ofMinutes(59)))).isFalse();
    assertThat(gate.expired(first, T0.plus(Duration.ofMinutes(61)))).isTrue();
    Alert late = gate.admit(alert("short", "a2", "https://y/2", "desk", "f1", T0.plus(Duration.ofMinutes(61))), memory);
    assertThat(late.count()).isEqualTo(1);
    assertThat(late.articleId()).isEqualTo("a2");
    // the first page now counts into the new alert
    assertThat(stored.get("short|url|https://x/1").alert()).isEqualTo(late);
  }

  @Test
  void anEditOfTheFirstPageAfterACopyKeepsCountingUp() {
    gate.admit(alert("r", "a1", "https://x/1", "wire", "f1", T0), memory);
    gate.admit(alert("r", "a2", "https://y/2", "desk", "f1", T0.plusSeconds(60)), memory);
    Alert edit = gate.admit(alert("r", "a1", "https://x/1", "wire", "f1-edited", T0.plusSeconds(120)), memory);
    assertThat(edit.count()).isEqualTo(3);
    assertThat(edit.sources()).containsExactly("wire", "desk");
  }
}
