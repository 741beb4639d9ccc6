package io.wirewatch.process.match;

/**
 * A stored query that was refused or failed, and why. The other queries load and match regardless.
 *
 * @param id     the query's id
 * @param reason the parser's message with its position, or the failure of a match
 */
public record QueryError(String id, String reason) {}
