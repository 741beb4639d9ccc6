package io.wirewatch.notify.deliver;

import io.wirewatch.notify.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one channel, on threads of its own, so that a slow or dead channel holds up no
 * other: each channel has its queue of attempts ordered by when they are due, a new event due at
 * once, a failed one again after its back-off. A 429 with {@code Retry-After} holds the whole
 * channel (the limit is the channel's, not the event's) until then.
 *
 * <p>An event is done for this channel when the channel answered 2xx, or when it was given up and
 * its dead letter was written; then its {@link Delivery.Ticket} is told. If the dead letter cannot be
 * written the instance can no longer keep its promise: {@code fatal} is told and the ticket is not,
 * so the record is never committed and is delivered again by the next instance.
 */
public final class ChannelWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);

  /** Writes the dead letter of an event given up; returns once it is stored (acknowledged). */
  @FunctionalInterface
  public interface GiveUp {
    void deadLetter(Channel channel, Delivery delivery, Answer last, int attempts) throws Exception;
  }

  private final Channel channel;
  private final MessageFormat format;
  private final Transport transport;
  private final Backoff backoff;
  private final Clock clock;
  private final DeliveryListener listener;
  private final GiveUp giveUp;
  private final Consumer<String> fatal;
  private final int capacity;
  private final DelayQueue<Attempt> queue = new DelayQueue<>();
  /** Events handed over and not yet done: queued, waiting for a retry or in flight. */
  private final AtomicInteger open = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  private volatile long holdUntilNanos = System.nanoTime();
  private volatile boolean running = true;

  public ChannelWorker(Channel channel, Transport transport, Backoff backoff, Clock clock, DeliveryListener listener,
      GiveUp giveUp, Consumer<String> fatal, int threads, int capacity) {
    this.channel = channel;
    this.format = MessageFormat.of(channel.type());
    this.transport = transport;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
    this.giveUp = giveUp;
    this.fatal = fatal;
    this.capacity = capacity;
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::loop, "wirewatch-notify-" + channel.id() + "-" + i);
      t.setDaemon(true);
      this.threads.add(t);
    }
  }

  public Channel channel() {
    return channel;
  }

  public void start() {
    threads.forEach(Thread::start);
  }

  /** Hands an event over; due at once (or when a channel-wide hold ends). */
  public void submit(Delivery d) {
    open.incrementAndGet();
    queue.add(new Attempt(d, System.nanoTime()));
  }

  /** Events handed over and not done yet. */
  public int backlog() {
    return open.get();
  }

  /** True when the backlog has reached the channel's capacity: the reader should wait. */
  public boolean full() {
    return open.get() >= capacity;
  }

  private void loop() {
    while (running) {
      Attempt a;
      try {
        a = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (a == null) {
        continue;
      }
      if (!a.delivery.ticket().wanted()) {
        open.decrementAndGet();
        continue;
      }
      long hold = holdUntilNanos - System.nanoTime();
      if (hold > 0) {
        a.dueNanos = holdUntilNanos;
        queue.add(a);
        continue;
      }
      try {
        attempt(a);
      } catch (RuntimeException e) {
        // A bug in formatting or a listener: the event stays open, so it is never committed as done.
        LOG.error("{}: delivering {} failed unexpectedly", channel, a.delivery.event(), e);
        fatal.accept(channel + ": delivery failed unexpectedly: " + channel.redact(String.valueOf(e)));
        return;
      }
    }
  }

  private void attempt(Attempt a) {
    long now = System.nanoTime();
    if (a.attempts == 0) {
      a.firstNanos = now;
      a.body = format.body(a.delivery.event());
    }
    a.attempts++;
    Answer answer = transport.post(channel.url(), headers(a), a.body);
    long elapsed = System.nanoTime() - a.enqueuedNanos;
    if (answer.delivered()) {
      listener.on(Outcome.DELIVERED, channel.id(), a.delivery.event(), a.attempts, answer.status(), elapsed);
      a.delivery.ticket().done();
      open.decrementAndGet();
      return;
    }
    if (answer.status() == 429 && answer.retryAfter() != null) {
      Duration cap = backoff.policy().maxRetryAfter();
      Duration hold = answer.retryAfter().compareTo(cap) > 0 ? cap : answer.retryAfter();
      holdUntilNanos = Math.max(holdUntilNanos, System.nanoTime() + hold.toNanos());
    }
    Duration next = backoff.delay(a.attempts, answer.retryAfter());
    Duration sinceFirst = Duration.ofNanos(System.nanoTime() - a.firstNanos);
    String problem = channel.redact(answer.problem());
    if (answer.verdict() == Answer.Verdict.PERMANENT || backoff.givesUp(a.attempts, sinceFirst, next)) {
      giveUp(a, answer, problem, elapsed);
      return;
    }
    LOG.debug("{}: {} attempt {} failed ({}); next in {} ms", channel, a.delivery.event(), a.attempts, problem,
        next.toMillis());
    listener.on(Outcome.RETRIED, channel.id(), a.delivery.event(), a.attempts, answer.status(), elapsed);
    a.dueNanos = System.nanoTime() + next.toNanos();
    queue.add(a);
  }

  private void giveUp(Attempt a, Answer answer, String problem, long elapsed) {
    Answer redacted = new Answer(answer.status(), answer.verdict(), answer.retryAfter(), problem);
    try {
      giveUp.deadLetter(channel, a.delivery, redacted, a.attempts);
    } catch (Exception e) {
      fatal.accept(channel + ": cannot write the dead letter of " + a.delivery.event() + ": "
          + channel.redact(String.valueOf(e.getMessage())).replace('\n', ' '));
      return;
    }
    LOG.warn("{}: gave up {} after {} attempt(s): {}", channel, a.delivery.event(), a.attempts, problem);
    listener.on(Outcome.DEAD_LETTERED, channel.id(), a.delivery.event(), a.attempts, answer.status(), elapsed);
    a.delivery.ticket().done();
    open.decrementAndGet();
  }

  /** The headers of one attempt: a fresh timestamp (and signature over it) on every attempt, the same id. */
  private Map<String, String> headers(Attempt a) {
    long ts = clock.instant().getEpochSecond();
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Wirewatch-Event", a.delivery.event().type().wireName());
    h.put("X-Wirewatch-Id", a.delivery.event().id());
    h.put("X-Wirewatch-Timestamp", Long.toString(ts));
    byte[] secret = channel.secretBytes();
    if (secret != null) {
      h.put("X-Wirewatch-Signature", Signature.sign(secret, ts, a.body));
    }
    return h;
  }

  /** Stops the threads; events not done stay open (their records are not committed, so they come again). */
  @Override
  public void close() {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One delivery's attempts so far and when the next is due. */
  private static final class Attempt implements Delayed {
    final Delivery delivery;
    final long enqueuedNanos;
    long firstNanos;
    volatile long dueNanos;
    int attempts;
    byte[] body;

    Attempt(Delivery delivery, long now) {
      this.delivery = delivery;
      this.enqueuedNanos = now;
      this.dueNanos = now;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(dueNanos, ((Attempt) o).dueNanos);
    }
  }
}
