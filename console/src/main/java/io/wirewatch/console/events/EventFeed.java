package io.wirewatch.console.events;

import java.time.Duration;
import java.util.List;

/** Opens event streams, one per client. */
public interface EventFeed {

  /**
   * A stream of the events after {@code from}, or after the current end of both topics when
   * {@code from} is null.
   */
  Subscription subscribe(EventCursor from);

  /** One client's stream. Used by one thread. */
  interface Subscription extends AutoCloseable {

    /** Where the stream stands: the id to resume from after the last event returned. */
    EventCursor cursor();

    /** The next events, waiting at most {@code timeout} when there are none. */
    List<ConsoleEvent> poll(Duration timeout);

    @Override
    void close();
  }
}
