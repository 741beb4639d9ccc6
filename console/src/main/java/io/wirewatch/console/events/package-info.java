/**
 * Live events for {@code GET /api/events}: {@code alert} and {@code story} records as they are
 * committed to {@code news.alerts} and {@code news.stories}, read with {@code read_committed} by a
 * consumer per client ({@link io.wirewatch.console.events.KafkaEventFeed}), each event carrying as its
 * id the position after it in every partition ({@link io.wirewatch.console.events.EventCursor}), so
 * that a client that reconnects with {@code Last-Event-ID} resumes exactly where it stopped.
 *
 * <p>Decides what an event is and how a position is written. Reads the two topics only; joins no
 * consumer group and commits nothing.
 */
package io.wirewatch.console.events;
