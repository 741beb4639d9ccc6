package io.wirewatch.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPlannerTest {

  private static final Duration FIVE_MIN = Duration.ofMinutes(5);

  /** random() = 0.5 means no jitter; 0 and ~1 are the extremes. */
  private static PollPlanner planner(double r) {
    return new PollPlanner(0.1, Duration.ofHours(24), Duration.ofHours(6), () -> r);
  }

  @Test
  void successWaitsTheIntervalLengthenedByServerHintsOnly() {
    assertThat(planner(0.5).afterSuccess(FIVE_MIN, null, null)).isEqualTo(FIVE_MIN);
    assertThat(planner(0.5).afterSuccess(FIVE_MIN, Duration.ofMinutes(30), null)).isEqualTo(Duration.ofMinutes(30));
    assertThat(planner(0.5).afterSuccess(FIVE_MIN, Duration.ofSeconds(10), Duration.ofMinutes(60)))
        .isEqualTo(Duration.ofMinutes(60));
    assertThat(planner(0.5).afterSuccess(FIVE_MIN, Duration.ofDays(365), null)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void jitterStaysWithinItsShare() {
    assertThat(planner(0.0).afterSuccess(FIVE_MIN, null, null)).isEqualTo(Duration.ofSeconds(270));
    assertThat(planner(0.999999).afterSuccess(FIVE_MIN, null, null).toMillis()).isBetween(329_000L, 330_000L);
  }

  @Test
  void failuresBackOffExponentiallyUpToTheCap() {
    PollPlanner p = planner(0.5);
    assertThat(p.afterFailure(FIVE_MIN, 1, null)).isEqualTo(FIVE_MIN);
    assertThat(p.afterFailure(FIVE_MIN, 2, null)).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.afterFailure(FIVE_MIN, 4, null)).isEqualTo(Duration.ofMinutes(40));
    assertThat(p.afterFailure(FIVE_MIN, 50, null)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void retryAfterIsNeverCutShort() {
    assertThat(planner(0.0).afterFailure(FIVE_MIN, 1, Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
    assertThat(planner(0.5).afterFailure(FIVE_MIN, 3, Duration.ofSeconds(5))).isEqualTo(Duration.ofMinutes(20));
  }
}
