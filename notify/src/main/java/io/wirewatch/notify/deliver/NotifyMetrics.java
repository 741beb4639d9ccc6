package io.wirewatch.notify.deliver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wirewatch.notify.event.Event;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Delivery outcomes as Prometheus meters: {@code wirewatch_notify_deliveries_total{channel,outcome}},
 * the time from an event's hand-over to its channel until the 2xx
 * ({@code wirewatch_notify_delivery_seconds{channel}}, a histogram), and each channel's backlog
 * ({@code wirewatch_notify_retry_queue{channel}}). Channel ids are the operator's own, few and
 * fixed by the channels file, so they are fit to be labels; URLs never are.
 */
public final class NotifyMetrics implements DeliveryListener {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public NotifyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void on(Outcome outcome, String channel, Event event, int attempts, int status, long elapsedNanos) {
    String name = outcome.name().toLowerCase(Locale.ROOT);
    counters.computeIfAbsent(channel + "|" + name, k -> Counter.builder("wirewatch.notify.deliveries")
        .description("Events handed to a channel, by what became of them")
        .tag("channel", channel).tag("outcome", name).register(registry)).increment();
    if (outcome == Outcome.DELIVERED) {
      timers.computeIfAbsent(channel, c -> Timer.builder("wirewatch.notify.delivery")
          .description("From an event's hand-over to its channel until the channel's 2xx, retries included")
          .tag("channel", c).publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
          .register(registry)).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Registers each channel's backlog, read from {@code backlogs} (channel id to events waiting). */
  public void backlogs(Supplier<Map<String, Integer>> backlogs) {
    backlogs.get().keySet().forEach(channel -> Gauge.builder("wirewatch.notify.retry.queue",
            () -> backlogs.get().getOrDefault(channel, 0))
        .description("Events waiting for a channel (new or to retry)")
        .tag("channel", channel).register(registry));
  }
}
