/**
 * What the console knows: its own Kafka Streams application ({@link io.wirewatch.console.view.ViewStreams})
 * materializes the documented topics into global stores ({@link io.wirewatch.console.view.ConsoleTopology},
 * wiring only), each record also kept in a small in-heap index where a list needs an order or a
 * filter the store's key order cannot give (alerts newest first, stories by activity, a story's
 * articles); {@link io.wirewatch.console.view.ConsoleViews} answers queries from stores and indexes.
 *
 * <p>Decides what is listed and in which order (newest first, failing sources first). Reads topics
 * only: nothing here writes to Kafka, and nothing reaches into the stages that write the topics.
 */
package io.wirewatch.console.view;
