/**
 * The notify stage: alerts ({@code news.alerts}) and story bursts ({@code news.stories}) delivered
 * to webhooks and Slack-compatible channels, at least once, signed, retried with back-off, given up
 * into {@code notify.deliver} dead letters that can be replayed.
 *
 * <p>{@link io.wirewatch.notify.Notifier} is one member of the notify consumer group (reads,
 * hands events to the channels' workers, commits only what every channel is done with);
 * {@link io.wirewatch.notify.DeadLetterReplay} replays dead letters; {@link io.wirewatch.notify.NotifyConfig}
 * is its typed configuration. Sub-packages: {@code event} (records to events, the update policy,
 * idempotency keys), {@code channel} (the channels file and filters), {@code deliver} (messages,
 * signatures, HTTP, retries, one worker per channel), {@code offset} (what may be committed),
 * {@code dead} (dead letters and their payload).
 *
 * <p>Decides: what is delivered to whom and when offsets move. It must not: write any topic but
 * {@code news.dead-letter}, or know the launcher.
 */
package io.wirewatch.notify;
