package io.wirewatch.notify.offset;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.notify.deliver.Delivery;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private static final TopicPartition P0 = new TopicPartition("news.alerts", 0);
  private static final TopicPartition P1 = new TopicPartition("news.alerts", 1);

  private final OffsetTracker tracker = new OffsetTracker();

  private long committable(TopicPartition tp) {
    OffsetAndMetadata o = tracker.committable().get(tp);
    return o == null ? -1 : o.offset();
  }

  @Test
  void aFastChannelNeverMovesTheCommitPastWhatASlowOneHolds() {
    OffsetTracker.Pending r10 = tracker.add(P0, 10, 2); // slow and fast channel
    OffsetTracker.Pending r11 = tracker.add(P0, 11, 2);
    Delivery.Ticket slow10 = r10.ticket();
    Delivery.Ticket fast10 = r10.ticket();
    Delivery.Ticket slow11 = r11.ticket();
    Delivery.Ticket fast11 = r11.ticket();
    fast10.done();
    fast11.done();
    assertThat(committable(P0)).isEqualTo(10);
    slow11.done();
    assertThat(committable(P0)).as("11 done, 10 not").isEqualTo(10);
    slow10.done();
    assertThat(committable(P0)).isEqualTo(12);
  }

  @Test
  void recordsWithNothingToDeliverAreDoneAtOnceAndTicketsCountOnce() {
    tracker.add(P0, 0, 0);
    OffsetTracker.Pending r1 = tracker.add(P0, 1, 2);
    Delivery.Ticket t = r1.ticket();
    t.done();
    t.done();
    assertThat(committable(P0)).as("one of two done, however often it says so").isEqualTo(1);
    assertThat(tracker.pending()).isEqualTo(1);
    tracker.add(P1, 5, 0);
    assertThat(committable(P1)).isEqualTo(6);
  }

  @Test
  void onlyMovedPositionsAreCommittedAgain() {
    tracker.add(P0, 0, 0);
    Map<TopicPartition, OffsetAndMetadata> first = tracker.committable();
    tracker.committed(first);
    assertThat(tracker.committable()).isEmpty();
    tracker.add(P0, 1, 0);
    assertThat(committable(P0)).isEqualTo(2);
  }

  @Test
  void aRemovedPartitionsDeliveriesAreUnwantedAndNoLongerCount() {
    Delivery.Ticket t = tracker.add(P0, 3, 1).ticket();
    assertThat(t.wanted()).isTrue();
    tracker.remove(List.of(P0));
    assertThat(t.wanted()).isFalse();
    t.done();
    assertThat(tracker.committable()).doesNotContainKey(P0);
    Delivery.Ticket again = tracker.add(P0, 3, 1).ticket();
    assertThat(again.wanted()).as("assigned back: a new life").isTrue();
    assertThat(committable(P0)).isEqualTo(3);
  }
}
