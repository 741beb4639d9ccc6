package io.wirewatch.process.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RevisionsTest {

  @Test
  void firstSightingIsRevisionOne() {
    assertThat(Revisions.next(null, "h1")).isEqualTo(1);
  }

  @Test
  void sameContentIsARepeat() {
    assertThat(Revisions.next(Revisions.store(1, "h1"), "h1")).isZero();
  }

  @Test
  void changedContentIsTheNextRevision() {
    assertThat(Revisions.next(Revisions.store(3, "h1"), "h2")).isEqualTo(4);
  }

  @Test
  void unreadableStoredValueStartsOver() {
    assertThat(Revisions.next("garbage", "h1")).isEqualTo(1);
  }
}
