/**
 * The ingest stage: one instance of the group that polls the sources of {@code news.sources} and
 * writes what it finds to {@code news.raw}, {@code news.seen}, {@code news.source-status} and
 * {@code news.dead-letter}.
 *
 * <p>{@link io.wirewatch.ingest.Ingestor} is the instance: a member of the consumer group on
 * {@code news.sources}, which restores the state of the partitions Kafka assigns it
 * ({@code StateLoader}), schedules their sources and commits their output.
 * {@link io.wirewatch.ingest.KafkaIngestSink} writes every poll in one transaction, fenced by the
 * group generation (KIP-447), so an instance whose sources moved on cannot write anything more.
 * {@link io.wirewatch.ingest.IngestConfig} is the module's one typed configuration
 * ({@code wirewatch-ingest.properties}). {@link io.wirewatch.ingest.IngestMetrics} holds the stage's
 * meters on the registry its owner hands in (polls, items, fetches, sources' health, dead letters).
 *
 * <p>This package decides: which instance polls which source (through Kafka's group protocol only),
 * when output is committed or aborted, and when an instance must stop
 * ({@link io.wirewatch.ingest.IngestStoppedException}, {@link io.wirewatch.ingest.Ingestor#failure()}):
 * its transaction refused, its producer fenced, its sources loop dead. Its owner exits then.
 *
 * <p>It must not: fetch, parse or judge items itself (that is {@code poll} and below), talk to
 * another instance except through Kafka, or commit output without the consumer's group metadata.
 */
package io.wirewatch.ingest;
