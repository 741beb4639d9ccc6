package io.wirewatch.console.events;

/**
 * One Server-Sent Event.
 *
 * @param type {@code alert} (data: an {@code Alert}) or {@code story} (data: a {@code Story})
 * @param id   the cursor just after this record, for {@code Last-Event-ID}
 * @param data the record's value
 */
public record ConsoleEvent(String type, String id, Object data) {}
