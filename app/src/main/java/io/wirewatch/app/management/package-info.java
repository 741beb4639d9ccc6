/**
 * What every long-running command ({@code run}, {@code ingest}, {@code process}, and next
 * {@code notify} and {@code console}) shows an operator: one Micrometer registry per process and
 * {@code GET /metrics} (Prometheus text), {@code GET /health} (the process is alive) and
 * {@code GET /ready} (each stage is doing its job) on the management port.
 *
 * <p>{@link io.wirewatch.app.management.Management} is the facade a command opens: the registry
 * with the JVM's meters bound, the readiness checks the stages add, and the HTTP server when a port
 * is configured ({@link io.wirewatch.app.management.ManagementConfig}). A stage takes the registry
 * through its constructor ({@code new IngestMetrics(management.registry())},
 * {@code new ProcessMetrics(...)}; {@code notify} registers its own meters on the same registry) and
 * adds a check with {@code management.readiness("notify", service::notReady)}. A server of another
 * command (the console's HTTP API) serves the same three routes from
 * {@link io.wirewatch.app.management.ManagementEndpoints}, so {@code run} can later answer them on
 * the console's port.
 *
 * <p>Decides the routes, their status codes and bodies, and which JVM meters exist. Must not hold
 * pipeline logic or define a stage's meters: each stage owns its meters and their names.
 */
package io.wirewatch.app.management;
