/**
 * Layered settings ({@link io.wirewatch.model.config.Settings}): each module's commented defaults
 * file, a config file, the environment, the command line. Decides parsing, validation and the
 * refusal of keys no defaults file names; each module builds its own typed config from it
 * ({@code IngestConfig}, {@code ProcessConfig}, {@code AppConfig}) and knows its keys.
 */
package io.wirewatch.model.config;
