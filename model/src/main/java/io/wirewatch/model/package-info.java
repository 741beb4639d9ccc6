/**
 * What travels between the stages: the records of every topic ({@link io.wirewatch.model.RawArticle},
 * {@link io.wirewatch.model.Article}, {@link io.wirewatch.model.Alert},
 * {@link io.wirewatch.model.DeadLetter} ...), their one JSON mapping
 * ({@link io.wirewatch.model.Json}, {@link io.wirewatch.model.JsonSerde}), and the topic contracts
 * ({@link io.wirewatch.model.Topics}: names, serdes, in one place).
 *
 * <p>Decides the wire format and the closed vocabularies everyone shares: the dead-letter
 * {@link io.wirewatch.model.Stage}, rule severities, the article id. Knows no stage: nothing here
 * fetches, cleans or matches; a stage depends on this module, never the other way.
 */
package io.wirewatch.model;
