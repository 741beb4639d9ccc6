package io.wirewatch.console.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.InvalidInputException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventCursorTest {

  @Test
  void writesAndReadsEveryPartitionOfBothTopics() {
    EventCursor c = new EventCursor(new TreeMap<>(Map.of(0, 12L, 1, 7L, 2, 0L)), new TreeMap<>(Map.of(0, 4L)));
    assertThat(c.encode()).isEqualTo("a0:12,a1:7,a2:0,s0:4");
    assertThat(EventCursor.parse(c.encode())).isEqualTo(c);
    assertThat(EventCursor.parse(" a1:9223372036854775807 ").alerts()).containsEntry(1, Long.MAX_VALUE);
  }

  @Test
  void refusesWhatItDidNotWrite() {
    for (String bad : new String[] {"", "12", "a0", "a0:", "x0:1", "a0:1;s0:1", "a-1:3", "a0:1,a0:2",
        "a0:99999999999999999999", "a".repeat(5000)}) {
      assertThatThrownBy(() -> EventCursor.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class);
    }
  }
}
