/**
 * Outgoing network access shared by every stage that makes requests on others' behalf (ingest's
 * fetcher, notify's channels): {@link io.wirewatch.model.net.AddressGuard} decides which addresses
 * may be reached (SSRF) and is meant to be the HTTP client's DNS, so that the address checked is
 * the address connected to; {@link io.wirewatch.model.net.RetryAfter} reads a server's
 * {@code Retry-After}, which both stages honour. The small adapter that makes the guard an HTTP
 * client's DNS stays in each stage (a dozen lines each): this package knows no HTTP client.
 *
 * <p>It must not: make requests, know an HTTP client, or map refusals to a stage's failure type
 * (each stage does that in its own terms).
 */
package io.wirewatch.model.net;
