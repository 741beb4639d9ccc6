package io.wirewatch.notify.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Topics;
import io.wirewatch.notify.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEventsTest {

  private static final Alert RAISED = Fixtures.alert("sanctions", "a1", "warning");

  private static byte[] bytes(Alert a) {
    return Topics.DEFAULT.alerts().valueSerde().serializer().serialize("t", a);
  }

  private static List<EventType> types(AlertEvents s, Alert a) {
    return s.events(0, a.key(), bytes(a)).stream().map(Event::type).toList();
  }

  @Test
  void newAlertsAreAlwaysDelivered() {
    for (UpdatePolicy p : UpdatePolicy.values()) {
      assertThat(types(new AlertEvents(Topics.DEFAULT.alerts(), p), RAISED)).containsExactly(EventType.ALERT_RAISED);
    }
  }

  @Test
  void aStoryBurstWrittenAsAnAlertIsLeftToTheStoryBurstEvent() {
    Alert burst = Fixtures.alert(io.wirewatch.model.Rule.BURST_RULE_ID, "a2", "warning");
    for (UpdatePolicy p : UpdatePolicy.values()) {
      AlertEvents s = new AlertEvents(Topics.DEFAULT.alerts(), p);
      assertThat(types(s, burst)).as(p.name()).isEmpty();
      assertThat(types(s, RAISED)).as(p.name()).containsExactly(EventType.ALERT_RAISED);
    }
  }

  @Test
  void underSeverityRiseOnlyAnUpdateAboveWhatWasSeenIsDelivered() {
    AlertEvents s = new AlertEvents(Topics.DEFAULT.alerts(), UpdatePolicy.SEVERITY_RISE);
    types(s, RAISED);
    assertThat(types(s, Fixtures.update(RAISED, "warning", 2, RAISED.raisedAt().plusSeconds(60)))).isEmpty();
    assertThat(types(s, Fixtures.update(RAISED, "info", 3, RAISED.raisedAt().plusSeconds(90)))).isEmpty();
    assertThat(types(s, Fixtures.update(RAISED, "critical", 4, RAISED.raisedAt().plusSeconds(120))))
        .containsExactly(EventType.ALERT_UPDATED);
    assertThat(types(s, Fixtures.update(RAISED, "critical", 5, RAISED.raisedAt().plusSeconds(180))))
        .as("already delivered at critical").isEmpty();
  }

  @Test
  void anUpdateWhoseAlertWasNeverSeenIsNoRise() {
    AlertEvents s = new AlertEvents(Topics.DEFAULT.alerts(), UpdatePolicy.SEVERITY_RISE);
    assertThat(types(s, Fixtures.update(RAISED, "critical", 2, RAISED.raisedAt().plusSeconds(60)))).isEmpty();
  }

  @Test
  void memoryRebuiltFromEarlierRecordsDecidesAsIfTheyHadJustBeenRead() {
    AlertEvents s = new AlertEvents(Topics.DEFAULT.alerts(), UpdatePolicy.SEVERITY_RISE);
    s.remember(1, RAISED.key(), bytes(RAISED));
    assertThat(s.events(1, RAISED.key(), bytes(Fixtures.update(RAISED, "critical", 2, RAISED.raisedAt())))).hasSize(1);
    s.forget(1);
    assertThat(s.events(1, RAISED.key(), bytes(Fixtures.update(RAISED, "critical", 3, RAISED.raisedAt()))))
        .as("forgotten: nothing to rise from").isEmpty();
  }

  @Test
  void everyAndNone() {
    Alert update = Fixtures.update(RAISED, "warning", 2, RAISED.raisedAt().plusSeconds(60));
    assertThat(types(new AlertEvents(Topics.DEFAULT.alerts(), UpdatePolicy.EVERY), update))
        .containsExactly(EventType.ALERT_UPDATED);
    assertThat(types(new AlertEvents(Topics.DEFAULT.alerts(), UpdatePolicy.NONE), update)).isEmpty();
  }

  @Test
  void aTombstoneIsNothingAndGarbageIsRefused() {
    AlertEvents s = new AlertEvents(Topics.DEFAULT.alerts(), UpdatePolicy.EVERY);
    assertThat(s.events(0, "k", null)).isEmpty();
    assertThatThrownBy(() -> s.events(0, "k", "{not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RuntimeException.class);
  }
}
