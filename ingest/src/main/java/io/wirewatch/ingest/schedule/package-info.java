/**
 * When each source is polled, and how gently.
 *
 * <p>{@link io.wirewatch.ingest.schedule.SourceScheduler} runs each active source's polls on its own
 * timetable, one at a time per source; {@link io.wirewatch.ingest.schedule.PollPlanner} plans the
 * next poll from the outcome (interval, max-age and ttl hints, back-off, Retry-After, jitter);
 * {@link io.wirewatch.ingest.schedule.HostGate} limits concurrent requests and their pace per host.
 *
 * <p>This package decides: the next poll time written in each status record, and when a removed
 * source's running poll has finished (so its output is handed over before another instance takes it).
 *
 * <p>It must not: decide which instance owns a source (Kafka's group does), or look into what a poll
 * found beyond its hints and whether it failed.
 */
package io.wirewatch.ingest.schedule;
