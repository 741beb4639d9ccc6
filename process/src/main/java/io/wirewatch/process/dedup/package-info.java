/**
 * Which version of a page an article is: the first, a changed one (a new revision), or an exact
 * repeat that produces nothing ({@link io.wirewatch.process.dedup.Revisions}). Decides on the
 * article id and content hash ingest computed; keeps no state itself (the topology's revisions
 * store does).
 */
package io.wirewatch.process.dedup;
