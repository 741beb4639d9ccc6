package io.wirewatch.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HostGateTest {

  @Test
  void aSecondRequestToTheSameHostWaitsForTheFirstToFinish() throws Exception {
    HostGate gate = new HostGate(1, Duration.ZERO);
    gate.acquire("news.example");
    AtomicBoolean entered = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      try {
        gate.acquire("NEWS.example");
        entered.set(true);
        gate.release("news.example");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done.countDown();
    });
    t.start();
    assertThat(done.await(300, TimeUnit.MILLISECONDS)).as("blocked while the slot is taken").isFalse();
    assertThat(entered).isFalse();
    gate.release("news.example");
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(entered).isTrue();
  }

  @Test
  void otherHostsAreNotHeldUp() throws Exception {
    HostGate gate = new HostGate(1, Duration.ofHours(1));
    gate.acquire("a.example");
    CountDownLatch done = new CountDownLatch(1);
    new Thread(() -> {
      try {
        gate.acquire("b.example");
        done.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).start();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void minimumDelayHoldsTheNextRequestEvenWhenASlotIsFree() throws Exception {
    HostGate gate = new HostGate(2, Duration.ofHours(1));
    gate.acquire("a.example");
    gate.release("a.example");
    Thread t = new Thread(() -> {
      try {
        gate.acquire("a.example");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    t.join(300);
    assertThat(t.isAlive()).as("still waiting out the delay").isTrue();
    t.interrupt();
    t.join(5_000);
  }
}
