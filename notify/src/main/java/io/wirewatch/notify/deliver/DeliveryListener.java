package io.wirewatch.notify.deliver;

import io.wirewatch.notify.event.Event;

/**
 * Told of every outcome, from the channel's thread: where counters (and later metrics) come from.
 * Must be quick and must not throw.
 */
@FunctionalInterface
public interface DeliveryListener {

  /**
   * @param outcome      what happened
   * @param channel      the channel's id
   * @param event        the event
   * @param attempts     attempts made so far (0 for filtered or stale)
   * @param status       the last HTTP status, 0 when none
   * @param elapsedNanos from the event's hand-over to the channel until now (0 for filtered or stale)
   */
  void on(Outcome outcome, String channel, Event event, int attempts, int status, long elapsedNanos);

  DeliveryListener NONE = (o, c, e, a, s, n) -> {};

  /** Both listeners, in order. */
  default DeliveryListener and(DeliveryListener other) {
    return (o, c, e, a, s, n) -> {
      on(o, c, e, a, s, n);
      other.on(o, c, e, a, s, n);
    };
  }
}
