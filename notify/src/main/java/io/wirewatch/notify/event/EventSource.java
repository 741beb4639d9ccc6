package io.wirewatch.notify.event;

import java.util.List;

/**
 * Turns the records of one topic into events to deliver. One implementation per kind of input
 * ({@link AlertEvents} on {@code news.alerts}, {@link StoryBursts} on {@code news.stories}); a new
 * kind of event (a burst alert, a closed story) is a new source or a new case in one, and nothing
 * else in notify changes.
 *
 * <p>A source may remember what it saw per partition (the severity delivered for an alert, the
 * burst seen for a story), to decide on later records; the notifier rebuilds that memory from the
 * records before the committed offset when it is assigned a partition ({@link #remember}), and
 * drops it when the partition goes ({@link #forget}). Called from the consumer's thread only.
 */
public interface EventSource {

  /** The topic this source reads (with any prefix). */
  String topic();

  /**
   * The events of one record, none when the policy delivers nothing for it; the record is then
   * remembered as {@link #remember} does.
   *
   * @throws RuntimeException when the value is not a record of this topic (the caller writes a
   *                          {@code notify.decode} dead letter and goes on)
   */
  List<Event> events(int partition, String key, byte[] value);

  /** Learns from a record handled before (by this or an earlier instance) without delivering. */
  void remember(int partition, String key, byte[] value);

  /** Drops what was remembered for {@code partition}, which this instance no longer reads. */
  void forget(int partition);
}
