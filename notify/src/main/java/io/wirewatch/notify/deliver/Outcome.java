package io.wirewatch.notify.deliver;

/** What happened to an event for one channel: the closed set counted by {@link DeliveryStats}. */
public enum Outcome {
  /** The channel answered 2xx. */
  DELIVERED,
  /** An attempt failed and another is scheduled. */
  RETRIED,
  /** Given up (attempts, age, or a permanent refusal): a notify.deliver dead letter was written. */
  DEAD_LETTERED,
  /** The channel's filter does not want the event. */
  FILTERED,
  /** Older than notify.max-event-age when read: not delivered. */
  STALE
}
