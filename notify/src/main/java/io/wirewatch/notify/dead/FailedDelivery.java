package io.wirewatch.notify.dead;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Json;
import io.wirewatch.notify.deliver.Delivery;
import io.wirewatch.notify.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The payload of a {@code notify.deliver} dead letter: which channel gave up which event, the last
 * status, and the event itself, so that a replay sends the same body under the same idempotency
 * key. When the whole would not fit in a dead letter's payload the body is left out, and a replay
 * reads the event's record again at {@code topic/partition/offset}.
 *
 * @param channel   the channel's id (never its URL or secret)
 * @param event     the event type, {@code alert.raised} ...
 * @param id        the idempotency key
 * @param subject   the alert's key or the story's id
 * @param status    the last HTTP status, 0 when there was no answer
 * @param attempts  attempts made
 * @param topic     where the event's record is
 * @param partition its partition
 * @param offset    its offset
 * @param body      the event's JSON (the alert or the story), or null when left out
 */
public record FailedDelivery(String channel, String event, String id, String subject, int status, int attempts,
    String topic, Integer partition, Long offset, JsonNode body) {

  public static FailedDelivery of(String channel, Delivery d, int status, int attempts) {
    Event e = d.event();
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(e.json());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    Delivery.Source s = d.source();
    return new FailedDelivery(channel, e.type().wireName(), e.id(), e.subject(), status, attempts,
        s == null ? null : s.topic(), s == null ? null : s.partition(), s == null ? null : s.offset(), body);
  }

  /** As JSON, without the body when the whole would be cut by {@link DeadLetter#MAX_PAYLOAD_CHARS}. */
  public String toJson() {
    try {
      String whole = Json.MAPPER.writeValueAsString(this);
      if (whole.length() <= DeadLetter.MAX_PAYLOAD_CHARS) {
        return whole;
      }
      return Json.MAPPER.writeValueAsString(new FailedDelivery(channel, event, id, subject, status, attempts, topic,
          partition, offset, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FailedDelivery parse(String payload) {
    try {
      return Json.MAPPER.readValue(payload, FailedDelivery.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a notify.deliver payload: " + e.getMessage(), e);
    }
  }
}
