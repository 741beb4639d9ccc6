/**
 * Getting bytes from a URL, safely, and what those bytes are.
 *
 * <p>{@link io.wirewatch.ingest.fetch.PageFetcher} fetches {@code http}, {@code https} and
 * {@code file} URLs: redirects hop by hop, conditional GETs ({@link io.wirewatch.ingest.fetch.Validators}),
 * a deadline and a decompressed-size cap on the body ({@code BodyLimits}), and the
 * {@link io.wirewatch.model.net.AddressGuard} as the HTTP client's DNS, so that the address
 * checked against SSRF is the address connected to. A failure is a
 * {@link io.wirewatch.ingest.fetch.FetchException} of one {@link io.wirewatch.ingest.fetch.FetchException.Kind}.
 * {@link io.wirewatch.ingest.fetch.PoliteFetcher} waits its turn per host;
 * {@link io.wirewatch.ingest.fetch.RobotsTxt} says whether an article page may be fetched;
 * {@link io.wirewatch.ingest.fetch.CacheHeaders} reads max-age and Retry-After.
 *
 * <p>This package decides: which addresses may be reached (the guard itself lives in {@code model},
 * shared with the notify stage), how long and how much a fetch may take,
 * the charset of a body ({@link io.wirewatch.ingest.fetch.CharsetSniffer}), whether a body is HTML
 * ({@link io.wirewatch.ingest.fetch.HtmlSniffer}), the canonical spelling of a URL
 * ({@link io.wirewatch.ingest.fetch.UrlCanonicalizer}) and the canonical URL of a fetched page
 * ({@link io.wirewatch.ingest.fetch.HtmlPage}: its own canonical link when it stays on its site).
 *
 * <p>It must not: parse feeds, know about sources, items or Kafka, or retry a failed fetch (the
 * scheduler polls again later).
 */
package io.wirewatch.ingest.fetch;
