package io.wirewatch.notify.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.notify.Fixtures;
import io.wirewatch.notify.channel.Channel;
import io.wirewatch.notify.channel.ChannelFilter;
import io.wirewatch.notify.channel.ChannelType;
import io.wirewatch.notify.event.Event;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelWorkerTest {

  private static final String SECRET = "whsec_unit";
  private static final Channel HOOK = new Channel("siem", ChannelType.WEBHOOK, URI.create("https://siem.example/in"),
      SECRET, ChannelFilter.ANY);
  private static final Backoff.Policy FAST = new Backoff.Policy(3, Duration.ofMinutes(1), Duration.ofMillis(20),
      Duration.ofMillis(80), Duration.ofSeconds(5));

  /** A channel answering from a script per event id, recording every request. */
  static final class ScriptedTransport implements Transport {
    final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    final List<Long> at = new CopyOnWriteArrayList<>();
    final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    void answer(String id, Answer... answers) {
      script.put(id, new ArrayDeque<>(List.of(answers)));
    }

    @Override
    public Answer post(URI url, Map<String, String> headers, byte[] body) {
      requests.add(Map.copyOf(headers));
      at.add(System.nanoTime());
      bodies.add(body);
      Deque<Answer> d = script.get(headers.get("X-Wirewatch-Id"));
      Answer a = d == null ? null : d.poll();
      return a != null ? a : Answer.ofStatus(200, null);
    }

    @Override
    public void close() {}
  }

  private final List<ChannelWorker> workers = new ArrayList<>();
  private final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> letters = Collections.synchronizedList(new ArrayList<>());
  private final List<String> fatal = Collections.synchronizedList(new ArrayList<>());

  private ChannelWorker worker(Channel c, Transport t, Backoff.Policy p) {
    ChannelWorker w = new ChannelWorker(c, t, new Backoff(p, () -> 0.5), Clock.systemUTC(),
        (o, ch, e, attempts, status, n) -> outcomes.add(o + " " + e.subject() + " " + attempts + " " + status),
        (ch, d, last, attempts) -> letters.add(ch.id() + " " + d.event().subject() + " " + last.status() + " " + attempts),
        fatal::add, 1, 100);
    workers.add(w);
    w.start();
    return w;
  }

  @AfterEach
  void stop() {
    workers.forEach(ChannelWorker::close);
  }

  private static final class Ticket implements Delivery.Ticket {
    final CountDownLatch done = new CountDownLatch(1);
    final AtomicBoolean wanted = new AtomicBoolean(true);

    @Override
    public void done() {
      done.countDown();
    }

    @Override
    public boolean wanted() {
      return wanted.get();
    }
  }

  private static Delivery delivery(Event e, Ticket t) {
    return new Delivery(e, new Delivery.Source("news.alerts", 0, 7, e.subject()), t);
  }

  @Test
  void retriesWithTheSameKeyAFreshSignedTimestampAndHonoursRetryAfter() throws Exception {
    ScriptedTransport t = new ScriptedTransport();
    Event e = Event.of(Fixtures.alert("sanctions", "a1", "warning"));
    t.answer(e.id(), Answer.ofStatus(500, null), Answer.ofStatus(429, Duration.ofSeconds(1)));
    Ticket ticket = new Ticket();
    worker(HOOK, t, FAST).submit(delivery(e, ticket));
    assertThat(ticket.done.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(t.requests).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Map<String, String> h = t.requests.get(i);
      assertThat(h.get("X-Wirewatch-Id")).isEqualTo(e.id());
      assertThat(h.get("X-Wirewatch-Event")).isEqualTo("alert.raised");
      long ts = Long.parseLong(h.get("X-Wirewatch-Timestamp"));
      assertThat(Signature.verify(SECRET.getBytes(StandardCharsets.UTF_8), ts, t.bodies.get(i),
          h.get("X-Wirewatch-Signature"))).isTrue();
      assertThat(t.bodies.get(i)).isEqualTo(e.json());
    }
    assertThat(Duration.ofNanos(t.at.get(2) - t.at.get(1))).as("Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(990));
    assertThat(outcomes).containsExactly("RETRIED sanctions/a1 1 500", "RETRIED sanctions/a1 2 429",
        "DELIVERED sanctions/a1 3 200");
    assertThat(letters).isEmpty();
  }

  @Test
  void givesUpAfterTheAttemptsWithADeadLetterThenCountsTheEventDone() throws Exception {
    ScriptedTransport t = new ScriptedTransport();
    Event e = Event.of(Fixtures.alert("sanctions", "a2", "warning"));
    t.answer(e.id(), Answer.ofStatus(503, null), Answer.ofStatus(503, null), Answer.ofStatus(502, null));
    Ticket ticket = new Ticket();
    ChannelWorker w = worker(HOOK, t, FAST);
    w.submit(delivery(e, ticket));
    assertThat(ticket.done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(t.requests).hasSize(3);
    assertThat(letters).containsExactly("siem sanctions/a2 502 3");
    assertThat(outcomes).last().asString().startsWith("DEAD_LETTERED");
    await(() -> w.backlog() == 0);
  }

  @Test
  void aPermanentRefusalIsGivenUpAtOnce() throws Exception {
    ScriptedTransport t = new ScriptedTransport();
    Event e = Event.of(Fixtures.alert("sanctions", "a3", "warning"));
    t.answer(e.id(), Answer.ofStatus(404, null));
    Ticket ticket = new Ticket();
    worker(HOOK, t, FAST).submit(delivery(e, ticket));
    assertThat(ticket.done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(t.requests).hasSize(1);
    assertThat(letters).containsExactly("siem sanctions/a3 404 1");
  }

  @Test
  void aDeadLetterThatCannotBeWrittenLeavesTheEventOpenAndSaysSo() throws Exception {
    ScriptedTransport t = new ScriptedTransport();
    Event e = Event.of(Fixtures.alert("sanctions", "a4", "warning"));
    t.answer(e.id(), Answer.ofStatus(400, null));
    Ticket ticket = new Ticket();
    ChannelWorker w = new ChannelWorker(HOOK, t, new Backoff(FAST, () -> 0.5), Clock.systemUTC(), DeliveryListener.NONE,
        (ch, d, last, attempts) -> {
          throw new IllegalStateException("broker gone");
        }, fatal::add, 1, 100);
    workers.add(w);
    w.start();
    w.submit(delivery(e, ticket));
    await(() -> !fatal.isEmpty());
    assertThat(fatal.get(0)).contains("siem").contains("broker gone");
    assertThat(ticket.done.getCount()).isEqualTo(1);
  }

  @Test
  void a429HoldsTheWholeChannelAndUnwantedDeliveriesAreSkipped() throws Exception {
    ScriptedTransport t = new ScriptedTransport();
    Event first = Event.of(Fixtures.alert("sanctions", "b1", "warning"));
    Event second = Event.of(Fixtures.alert("sanctions", "b2", "warning"));
    Event dropped = Event.of(Fixtures.alert("sanctions", "b3", "warning"));
    t.answer(first.id(), Answer.ofStatus(429, Duration.ofSeconds(1)));
    ChannelWorker w = worker(HOOK, t, FAST);
    Ticket t1 = new Ticket();
    Ticket t2 = new Ticket();
    Ticket t3 = new Ticket();
    t3.wanted.set(false);
    w.submit(delivery(first, t1));
    await(() -> t.requests.size() == 1);
    long afterFirst = System.nanoTime();
    w.submit(delivery(second, t2));
    w.submit(delivery(dropped, t3));
    assertThat(t2.done.await(10, TimeUnit.SECONDS)).isTrue();
    int secondIndex = t.requests.stream().map(h -> h.get("X-Wirewatch-Id")).toList().indexOf(second.id());
    assertThat(Duration.ofNanos(t.at.get(secondIndex) - afterFirst)).as("held by the first one's 429")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(t1.done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(t.requests).extracting(h -> h.get("X-Wirewatch-Id")).doesNotContain(dropped.id());
    await(() -> w.backlog() == 0);
  }

  private static void await(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
