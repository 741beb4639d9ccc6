package io.wirewatch.notify.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Story;
import io.wirewatch.model.Topics;
import io.wirewatch.notify.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryBurstsTest {

  private final StoryBursts bursts = new StoryBursts(Topics.DEFAULT.stories());

  private List<Event> read(Story s) {
    return bursts.events(0, s.id(), Topics.DEFAULT.stories().valueSerde().serializer().serialize("t", s));
  }

  @Test
  void aBurstIsDeliveredOnceAndALaterBurstAgain() {
    Instant t = Fixtures.RAISED;
    assertThat(read(Fixtures.story("s1", null))).as("no burst").isEmpty();
    List<Event> first = read(Fixtures.story("s1", t));
    assertThat(first).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(EventType.STORY_BURST);
      assertThat(e.subject()).isEqualTo("s1");
      assertThat(e.story().articleCount()).isEqualTo(12);
    });
    assertThat(read(Fixtures.story("s1", t))).as("same burst, another article joined").isEmpty();
    assertThat(read(Fixtures.story("s1", t.plusSeconds(7200)))).hasSize(1);
    assertThat(read(Fixtures.story("s2", t))).as("another story").hasSize(1);
  }

  @Test
  void rebuiltMemoryKeepsAHandledBurstFromComingAgain() {
    Story s = Fixtures.story("s1", Fixtures.RAISED);
    bursts.remember(0, s.id(), Topics.DEFAULT.stories().valueSerde().serializer().serialize("t", s));
    assertThat(read(s)).isEmpty();
  }

  @Test
  void aClosedStoryIsForgottenAndRaisesNothing() {
    Instant t = Fixtures.RAISED;
    assertThat(read(Fixtures.story("s1", t))).hasSize(1);
    assertThat(read(Fixtures.story("s2", t))).hasSize(1);
    assertThat(bursts.remembered(0)).isEqualTo(2);
    assertThat(read(Fixtures.story("s1", t, true))).as("its last record").isEmpty();
    assertThat(bursts.remembered(0)).as("memory bounded by the open stories").isEqualTo(1);
    assertThat(bursts.events(0, "s2", null)).as("a tombstone").isEmpty();
    assertThat(bursts.remembered(0)).isZero();
  }
}
