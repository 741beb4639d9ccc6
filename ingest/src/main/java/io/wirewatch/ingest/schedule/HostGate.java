package io.wirewatch.ingest.schedule;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Politeness per host: at most {@code maxConcurrent} requests in flight to one host, and at least
 * {@code minDelay} between the starts of two requests to it. Callers block in {@link #acquire}
 * until both hold; the poller threads are few and the waits short, and blocking keeps one poll's
 * article fetches in order.
 */
public final class HostGate {

  private final int maxConcurrent;
  private final long minDelayNanos;
  private final Map<String, Slot> hosts = new HashMap<>();

  private static final class Slot {
    int inFlight;
    long nextStart = Long.MIN_VALUE;
  }

  public HostGate(int maxConcurrent, java.time.Duration minDelay) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
    }
    this.maxConcurrent = maxConcurrent;
    this.minDelayNanos = minDelay.toNanos();
  }

  /** Blocks until a request to {@code host} may start; pair with {@link #release}. */
  public void acquire(String host) throws InterruptedException {
    String key = host == null ? "" : host.toLowerCase(Locale.ROOT);
    synchronized (this) {
      while (true) {
        Slot s = hosts.computeIfAbsent(key, k -> new Slot());
        long now = System.nanoTime();
        long wait = s.nextStart == Long.MIN_VALUE ? 0 : s.nextStart - now;
        if (s.inFlight < maxConcurrent && wait <= 0) {
          s.inFlight++;
          s.nextStart = now + minDelayNanos;
          return;
        }
        long ms = wait > 0 ? Math.max(1, wait / 1_000_000) : 1_000;
        wait(ms);
      }
    }
  }

  public synchronized void release(String host) {
    String key = host == null ? "" : host.toLowerCase(Locale.ROOT);
    Slot s = hosts.get(key);
    if (s != null) {
      s.inFlight--;
      if (s.inFlight == 0 && System.nanoTime() - s.nextStart >= 0) {
        hosts.remove(key); // keeps the map as small as the set of busy hosts
      }
    }
    notifyAll();
  }
}
