package io.wirewatch.notify.deliver;

import io.wirewatch.notify.event.Event;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts outcomes per channel: what a log line, a test or a metrics registry reads. One instance
 * per notifier, no static state.
 */
public final class DeliveryStats implements DeliveryListener {

  private final Map<String, Map<Outcome, LongAdder>> counts = new ConcurrentHashMap<>();

  @Override
  public void on(Outcome outcome, String channel, Event event, int attempts, int status, long elapsedNanos) {
    counts.computeIfAbsent(channel, c -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, o -> new LongAdder()).increment();
  }

  public long count(String channel, Outcome outcome) {
    Map<Outcome, LongAdder> c = counts.get(channel);
    LongAdder n = c == null ? null : c.get(outcome);
    return n == null ? 0 : n.sum();
  }

  public long total(Outcome outcome) {
    return counts.keySet().stream().mapToLong(c -> count(c, outcome)).sum();
  }

  /** {channel: {outcome: count}}, sorted, for a log line. */
  public Map<String, Map<Outcome, Long>> snapshot() {
    Map<String, Map<Outcome, Long>> out = new TreeMap<>();
    counts.forEach((c, m) -> {
      Map<Outcome, Long> x = new TreeMap<>();
      m.forEach((o, n) -> x.put(o, n.sum()));
      out.put(c, x);
    });
    return out;
  }
}
