/**
 * Knowing what was already emitted.
 *
 * <p>{@link io.wirewatch.ingest.dedup.ItemIdentity} names an item (guid, else canonical link, else a
 * hash of title and date) and hashes what an edit changes; every key and hash spelling stored in
 * {@code news.seen} is written there and only there. {@link io.wirewatch.ingest.dedup.SeenItems} is
 * the in-memory face of {@code news.seen} for the sources this instance owns.
 *
 * <p>This package decides: when two listings are the same item, and when an item counts as edited.
 *
 * <p>It must not: write to Kafka (the poll's transaction does), or keep sources this instance no
 * longer owns.
 */
package io.wirewatch.ingest.dedup;
