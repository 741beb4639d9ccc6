/**
 * Changes made through the console, on the same validated paths as the command line: a rule is
 * checked by the process stage's own {@code alert.RuleBook} and written by {@code alert.RulesTopic};
 * a source is validated by ingest's {@code source.Source} and written by {@code source.SourceCatalog}.
 *
 * <p>Decides what the console accepts (its one rule of its own: sources added over HTTP may not use
 * {@code file:} URLs unless allowed). Writes only to {@code news.rules} and {@code news.sources},
 * through those classes; never to a stage's internals.
 */
package io.wirewatch.console.edit;
