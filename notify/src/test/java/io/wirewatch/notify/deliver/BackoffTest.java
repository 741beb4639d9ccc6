package io.wirewatch.notify.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff.Policy POLICY = new Backoff.Policy(5, Duration.ofMinutes(10), Duration.ofSeconds(1),
      Duration.ofSeconds(30), Duration.ofMinutes(2));

  @Test
  void stepsDoubleUpToTheCapWithJitterBetweenHalfAndWhole() {
    Backoff low = new Backoff(POLICY, () -> 0.0);
    Backoff high = new Backoff(POLICY, () -> 0.999_999);
    long[] steps = {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
    for (int n = 1; n <= steps.length; n++) {
      assertThat(low.delay(n, null).toMillis()).as("low, after %d", n).isEqualTo(steps[n - 1] / 2);
      assertThat(high.delay(n, null).toMillis()).as("high, after %d", n).isBetween(steps[n - 1] - 1, steps[n - 1]);
    }
    assertThat(low.delay(1_000, null)).isEqualTo(Duration.ofSeconds(15)).as("no overflow far out");
  }

  @Test
  void retryAfterIsAFloorUpToItsCap() {
    Backoff b = new Backoff(POLICY, () -> 0.0);
    assertThat(b.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(b.delay(6, Duration.ofSeconds(1))).as("a shorter Retry-After does not shorten the back-off")
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(b.delay(1, Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void givesUpAfterTheAttemptsOrWhenTheNextWouldPassTheAge() {
    Backoff b = new Backoff(POLICY, () -> 0.0);
    assertThat(b.givesUp(4, Duration.ofSeconds(10), Duration.ofSeconds(4))).isFalse();
    assertThat(b.givesUp(5, Duration.ofSeconds(10), Duration.ofSeconds(4))).isTrue();
    assertThat(b.givesUp(2, Duration.ofMinutes(9), Duration.ofSeconds(59))).isFalse();
    assertThat(b.givesUp(2, Duration.ofMinutes(9), Duration.ofSeconds(61))).isTrue();
  }
}
