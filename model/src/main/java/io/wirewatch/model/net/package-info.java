/**
 * Outgoing network access shared by every stage that makes requests on others' behalf (ingest's
 * fetcher, notify's channels): {@link io.wirewatch.model.net.AddressGuard} decides which addresses
 * may be reached (SSRF) and is meant to be the HTTP client's DNS, so that the address checked is
 * the address connected to.
 *
 * <p>It must not: make requests, know an HTTP client, or map refusals to a stage's failure type
 * (each stage does that in its own terms).
 */
package io.wirewatch.model.net;
