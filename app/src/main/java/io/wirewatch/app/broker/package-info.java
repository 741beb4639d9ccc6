/**
 * The single-node KRaft broker that {@code wirewatch run}, the benchmarks and the end-to-end tests
 * start inside their own JVM ({@link io.wirewatch.app.broker.EmbeddedKafka}). Decides only how that
 * broker is configured and found by commands run beside it; production uses a real cluster.
 */
package io.wirewatch.app.broker;
