/**
 * What to poll: sources and where their definitions come from.
 *
 * <p>{@link io.wirewatch.ingest.source.Source} is one validated definition (id, URL, type,
 * interval); {@link io.wirewatch.ingest.source.SourcesFile} and
 * {@link io.wirewatch.ingest.source.OpmlFile} read the YAML and OPML files users write or export;
 * {@link io.wirewatch.ingest.source.SourceCatalog} edits the table {@code news.sources} and reads
 * each source's latest status.
 *
 * <p>This package decides: what a valid source is, with errors naming the file, the source and the
 * field.
 *
 * <p>It must not: poll, fetch, or keep state of its own: {@code news.sources} is the table.
 */
package io.wirewatch.ingest.source;
