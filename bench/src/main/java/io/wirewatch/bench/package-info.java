/**
 * {@code wirewatch bench ...}: measurements of Wirewatch, each next to a baseline measured in the
 * same run and reported as ratios. Corpora are read by path and never copied into the project.
 *
 * <p>Uses the stages' public API only, as a user would; what only the launcher has (a broker, the
 * command line of a child {@code wirewatch} JVM) comes in through
 * {@link io.wirewatch.bench.BenchEnvironment}. Evaluation helpers (scores, metrics, generators)
 * live here, not in the stages.
 */
package io.wirewatch.bench;
