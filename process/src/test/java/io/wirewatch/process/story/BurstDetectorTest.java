package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BurstDetectorTest {

  private static final Instant T0 = Instant.parse("2019-03-22T00:00:00Z");
  private final BurstDetector detector =
      new BurstDetector(new BurstDetector.Settings(5, 3, Duration.ofHours(1), 3));

  @Test
  void aStoryGainingTenArticlesFromSixSourcesInHalfAnHourBurstsExactlyOnceBesideAQuietOne() {
    BurstDetector.History quiet = BurstDetector.History.start(T0);
    BurstDetector.History surge = BurstDetector.History.start(T0);
    int bursts = 0;
    int quietBursts = 0;
    // The quiet story: an article every 40 minutes for a day, always from the same two desks.
    for (int i = 0; i < 36; i++) {
      BurstDetector.Outcome o = detector.arrive(quiet,
          new BurstDetector.Arrival(T0.plus(Duration.ofMinutes(40L * i)), i % 2 == 0 ? "wire" : "desk"), 0, 0);
      quiet = o.history();
      quietBursts += o.burst() ? 1 : 0;
    }
    // The surge: two articles early in the day, then ten from six sources within 30 minutes.
    surge = detector.arrive(surge, new BurstDetector.Arrival(T0, "wire"), 0, 0).history();
    surge = detector.arrive(surge, new BurstDetector.Arrival(T0.plus(Duration.ofHours(3)), "desk"), 0, 0).history();
    Instant start = T0.plus(Duration.ofHours(10));
    for (int i = 0; i < 10; i++) {
      BurstDetector.Outcome o = detector.arrive(surge,
          new BurstDetector.Arrival(start.plus(Duration.ofMinutes(3L * i)), "outlet-" + (i % 6)), i + 3, 2);
      surge = o.history();
      if (o.burst()) {
        bursts++;
        assertThat(o.inWindow()).isGreaterThanOrEqualTo(5);
        assertThat(o.sourcesInWindow()).isGreaterThanOrEqualTo(3);
      }
    }
    assertThat(quietBursts).isZero();
    assertThat(bursts).isEqualTo(1);
    assertThat(surge.burstAt()).isAfter(start);
  }

  @Test
  void oneDeskFilingManyUpdatesIsNotBreakingNews() {
    BurstDetector.History h = BurstDetector.History.start(T0);
    for (int i = 0; i < 12; i++) {
      BurstDetector.Outcome o = detector.arrive(h, new BurstDetector.Arrival(T0.plus(Duration.ofMinutes(i)), "wire"), 0, 0);
      assertThat(o.burst()).isFalse();
      h = o.history();
    }
  }

  @Test
  void aStoryAlreadyRunningAtThatPaceDoesNotBurstNorDoesOneWhenEveryStoryRunsFast() {
    // Eight articles an hour, from many sources, for a whole day: big, not breaking.
    BurstDetector.History h = BurstDetector.History.start(T0);
    int bursts = 0;
    for (int i = 0; i < 8 * 24; i++) {
      BurstDetector.Outcome o = detector.arrive(h,
          new BurstDetector.Arrival(T0.plus(Duration.ofSeconds(450L * i)), "outlet-" + (i % 5)), 0, 0);
      h = o.history();
      bursts += o.burst() && i > 8 * 3 ? 1 : 0; // the first hours are the story's start
    }
    assertThat(bursts).isZero();
    // Ten articles from six sources in half an hour, on a stream where 19 other stories get five an hour each.
    BurstDetector.History busy = BurstDetector.History.start(T0);
    boolean burst = false;
    for (int i = 0; i < 10; i++) {
      BurstDetector.Outcome o = detector.arrive(busy,
          new BurstDetector.Arrival(T0.plus(Duration.ofMinutes(3L * i)), "outlet-" + (i % 6)), 19 * 5 + i + 1, 20);
      busy = o.history();
      burst |= o.burst();
    }
    assertThat(burst).isFalse();
  }

  @Test
  void theSameArrivalsBurstAtTheSameArticle() {
    int first = burstIndex();
    assertThat(burstIndex()).isEqualTo(first).isPositive();
  }

  private int burstIndex() {
    BurstDetector.History h = BurstDetector.History.start(T0);
    for (int i = 0; i < 10; i++) {
      BurstDetector.Outcome o = detector.arrive(h, new BurstDetector.Arrival(T0.plus(Duration.ofMinutes(2L * i)),
          "s" + (i % 4)), 0, 0);
      h = o.history();
      if (o.burst()) {
        return i;
      }
    }
    return -1;
  }
}
