/**
 * What notify delivers: {@link io.wirewatch.notify.event.Event}s of a closed set of
 * {@link io.wirewatch.notify.event.EventType}s ({@code alert.raised}, {@code alert.updated},
 * {@code story.burst}), each with an idempotency key derived from the event itself, made from the
 * records of a topic by an {@link io.wirewatch.notify.event.EventSource}
 * ({@link io.wirewatch.notify.event.AlertEvents}, {@link io.wirewatch.notify.event.StoryBursts}).
 *
 * <p>Decides: which records become events (new alerts always; updates per
 * {@link io.wirewatch.notify.event.UpdatePolicy}; a story's new burst), the event's key, and what
 * a source remembers to decide that.
 *
 * <p>It must not: know channels, HTTP, offsets or Kafka clients (sources get bytes, not records).
 */
package io.wirewatch.notify.event;
