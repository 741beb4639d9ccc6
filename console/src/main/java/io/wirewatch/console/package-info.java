/**
 * The ops console: an HTTP API and a live dashboard over the documented topics, run by
 * {@code wirewatch console} alone or by {@code wirewatch run} with the pipeline.
 * {@link io.wirewatch.console.ConsoleService} puts the parts together: {@code view} (what the
 * console knows, a Kafka Streams application of its own), {@code events} (live alerts and stories),
 * {@code preview} (what a rule would have matched), {@code edit} (rule and source changes through the
 * command line's own validated paths) and {@code http} (routes, token, dashboard).
 *
 * <p>A downstream consumer like any user's: it reads topics, writes only {@code news.rules} and
 * {@code news.sources} through the process and ingest stages' public classes, and reaches into no
 * stage's internals.
 */
package io.wirewatch.console;
