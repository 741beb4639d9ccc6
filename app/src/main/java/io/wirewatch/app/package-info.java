/**
 * The {@code wirewatch} command line: one picocli command per task, each a thin layer that reads
 * options, builds a module's typed config and calls that module. {@code run} starts everything on
 * an embedded broker; {@code ingest} and {@code process} run one stage, {@code console} the ops
 * console; the rest are tools.
 *
 * <p>Decides how the user talks to Wirewatch: options, exit codes
 * ({@link io.wirewatch.app.Wirewatch#report}: bad input 2, failure 1), what is printed. No
 * pipeline logic lives here; the stages never depend on this package.
 */
package io.wirewatch.app;
