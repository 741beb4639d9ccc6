package io.wirewatch.notify.deliver;

import io.wirewatch.notify.event.Event;
import java.util.Objects;

/**
 * One event for one channel, with what to tell when the channel is done with it (delivered or
 * given up) and whether it is still wanted (its partition may have moved to another instance).
 *
 * @param event  the event
 * @param source where it was read: topic, partition, offset and key, for the dead letter and replays
 * @param ticket the record's completion: {@link Ticket#done()} once the channel is done with it
 */
public record Delivery(Event event, Source source, Ticket ticket) {

  public Delivery {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(ticket, "ticket");
  }

  /** Where an event came from; null fields when unknown (a replay of an old dead letter). */
  public record Source(String topic, int partition, long offset, String key) {}

  /** The part of a record's completion one delivery holds. */
  public interface Ticket {
    /** The channel is done with the event: delivered, or given up with its dead letter written. */
    void done();

    /** False once the record is no longer this instance's to deliver: skip, do not retry. */
    boolean wanted();
  }
}
