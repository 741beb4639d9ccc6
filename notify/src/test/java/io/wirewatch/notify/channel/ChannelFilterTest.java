package io.wirewatch.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.notify.Fixtures;
import io.wirewatch.notify.event.Event;
import io.wirewatch.notify.event.EventType;
import io.wirewatch.notify.event.Severity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelFilterTest {

  private static final Event WARNING = Event.of(Fixtures.alert("sanctions", "a1", "warning"));
  private static final Event CRITICAL = Event.of(Fixtures.alert("liaison-office", "a1", "critical"));
  private static final Event BURST = Event.burstOf(Fixtures.story("s1", Fixtures.RAISED));

  private static ChannelFilter filter(Set<EventType> events, Severity min, Set<String> rules, Set<String> categories,
      Set<String> countries) {
    return new ChannelFilter(events, min, rules, categories, countries);
  }

  @Test
  void anEmptyFilterTakesEverything() {
    assertThat(ChannelFilter.ANY.accepts(WARNING)).isTrue();
    assertThat(ChannelFilter.ANY.accepts(BURST)).isTrue();
  }

  @Test
  void minSeverityAndRulesLeaveOutBurstsWhichHaveNeither() {
    ChannelFilter critical = filter(Set.of(), Severity.CRITICAL, Set.of(), Set.of(), Set.of());
    assertThat(critical.accepts(CRITICAL)).isTrue();
    assertThat(critical.accepts(WARNING)).isFalse();
    assertThat(critical.accepts(BURST)).isFalse();
    ChannelFilter rule = filter(Set.of(), null, Set.of("liaison-office"), Set.of(), Set.of());
    assertThat(rule.accepts(CRITICAL)).isTrue();
    assertThat(rule.accepts(WARNING)).isFalse();
    assertThat(rule.accepts(BURST)).isFalse();
  }

  @Test
  void categoriesCountriesAndEventsNeedOneInCommon() {
    assertThat(filter(Set.of(), null, Set.of(), Set.of("diplomacy", "trade"), Set.of()).accepts(WARNING)).isTrue();
    assertThat(filter(Set.of(), null, Set.of(), Set.of("trade"), Set.of()).accepts(WARNING)).isFalse();
    assertThat(filter(Set.of(), null, Set.of(), Set.of(), Set.of("KR")).accepts(WARNING)).isTrue();
    assertThat(filter(Set.of(), null, Set.of(), Set.of(), Set.of("US")).accepts(BURST)).isFalse();
    assertThat(filter(Set.of(EventType.STORY_BURST), null, Set.of(), Set.of(), Set.of()).accepts(WARNING)).isFalse();
    assertThat(filter(Set.of(EventType.STORY_BURST), null, Set.of(), Set.of(), Set.of()).accepts(BURST)).isTrue();
  }
}
