package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentileTest {

  @Test
  void theNearestRankOfSortedSamples() {
    long[] hundred = LongStream.rangeClosed(1, 100).toArray();
    assertThat(Percentile.of(hundred, 0.99)).isEqualTo(99);
    assertThat(Percentile.of(hundred, 0.50)).isEqualTo(50);
    assertThat(Percentile.of(hundred, 0.90)).isEqualTo(90);
    assertThat(Percentile.of(hundred, 1.0)).isEqualTo(100);
    assertThat(Percentile.of(new long[] {7}, 0.99)).isEqualTo(7);
    assertThat(Percentile.of(List.of(1L, 2L, 3L), 0.99)).isEqualTo(3);
    assertThat(Percentile.of(List.of(1L, 2L, 3L), 0.0)).as("the smallest, never below it").isEqualTo(1);
  }
}
