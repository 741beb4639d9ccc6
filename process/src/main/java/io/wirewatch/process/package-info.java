/**
 * The process stage: a Kafka Streams application that turns {@code news.raw} into
 * {@code news.articles}, {@code news.alerts} and dead letters, exactly once.
 *
 * <p>Decides how the stage is wired and run: {@link io.wirewatch.process.WirewatchTopology} only
 * wires (stores, repartitions, topics); {@link io.wirewatch.process.RawRecordHandler} is the whole
 * per-record logic (decode, drop repeats, clean, classify, match), each failure a dead letter with
 * its {@link io.wirewatch.model.Stage}; {@link io.wirewatch.process.ProcessComponents} builds the
 * parts from {@link io.wirewatch.process.ProcessConfig}; {@link io.wirewatch.process.ProcessService}
 * runs them with the Streams properties tests reuse; {@link io.wirewatch.process.PagePipeline} is
 * the same path for one page without Kafka; {@link io.wirewatch.process.ProcessMetrics} holds the
 * stage's meters on the registry its owner hands in, counted where outcomes are decided.
 *
 * <p>Must not touch ingest or the launcher: it reads and writes topics only. The subpackages hold
 * the logic and know nothing of Kafka Streams: {@code clean}, {@code classify}, {@code match},
 * {@code alert}, {@code dedup}.
 */
package io.wirewatch.process;
