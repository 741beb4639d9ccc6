package io.wirewatch.notify.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Alert;
import io.wirewatch.notify.Fixtures;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTest {

  @Test
  void theIdempotencyKeyIsDerivedFromTheEventSoItIsTheSameOnEveryReadOfIt() {
    Alert a = Fixtures.alert("sanctions", "a1", "warning");
    Alert same = Fixtures.alert("sanctions", "a1", "warning");
    assertThat(Event.of(a).id()).isEqualTo(Event.of(same).id()).matches("[0-9a-f]{32}");
    assertThat(Event.of(a).type()).isEqualTo(EventType.ALERT_RAISED);
  }

  @Test
  void differentEventsGetDifferentKeys() {
    Alert a = Fixtures.alert("sanctions", "a1", "warning");
    Alert otherRule = Fixtures.alert("liaison-office", "a1", "warning");
    Alert otherArticle = Fixtures.alert("sanctions", "a2", "warning");
    Alert update = Fixtures.update(a, "warning", 2, a.raisedAt().plusSeconds(60));
    Alert laterUpdate = Fixtures.update(a, "warning", 3, a.raisedAt().plusSeconds(120));
    Set<String> ids = Set.of(Event.of(a).id(), Event.of(otherRule).id(), Event.of(otherArticle).id(),
        Event.of(update).id(), Event.of(laterUpdate).id(),
        Event.burstOf(Fixtures.story("s1", Fixtures.RAISED)).id(),
        Event.burstOf(Fixtures.story("s1", Fixtures.RAISED.plusSeconds(1))).id());
    assertThat(ids).hasSize(7);
    assertThat(Event.of(update).type()).isEqualTo(EventType.ALERT_UPDATED);
  }

  @Test
  void partsAreSeparatedSoThatShiftingABoundaryChangesTheKey() {
    assertThat(Event.idOf("a/b", "c")).isNotEqualTo(Event.idOf("a", "b/c"));
  }

  @Test
  void theWebhookBodyIsTheRecordAsOnItsTopic() throws Exception {
    Alert a = Fixtures.alert("sanctions", "a1", "warning");
    assertThat(io.wirewatch.model.Json.MAPPER.readValue(Event.of(a).json(), Alert.class)).isEqualTo(a);
  }
}
