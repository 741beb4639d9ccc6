/**
 * Getting an event to a channel: the message ({@link io.wirewatch.notify.deliver.MessageFormat}:
 * the event's JSON for a webhook, {@code SlackFormat} for Slack-compatible webhooks), the headers
 * (event, idempotency id, timestamp, {@link io.wirewatch.notify.deliver.Signature}), the POST
 * ({@link io.wirewatch.notify.deliver.HttpTransport}, the address guard as its DNS), what an answer
 * means ({@link io.wirewatch.notify.deliver.Answer}), and one
 * {@link io.wirewatch.notify.deliver.ChannelWorker} per channel with its own threads, queue and
 * {@link io.wirewatch.notify.deliver.Backoff}, so that a slow or dead channel holds up no other.
 *
 * <p>Decides: the wire format of a delivery, which answers are retried and how long to wait
 * (Retry-After honoured), when an event is given up, and every {@link io.wirewatch.notify.deliver.Outcome}.
 *
 * <p>It must not: read topics, commit offsets or decide which events exist (it is handed
 * {@link io.wirewatch.notify.deliver.Delivery}s and tells their tickets when it is done).
 */
package io.wirewatch.notify.deliver;
