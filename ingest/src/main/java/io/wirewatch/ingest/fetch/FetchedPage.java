package io.wirewatch.ingest.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The outcome of a fetch that got an answer worth using: a body, or 304 Not Modified.
 *
 * @param requestedUrl the URL asked for
 * @param finalUrl     the URL after redirects; relative links resolve against it
 * @param status       HTTP status (200, or 304 with an empty body); 200 for {@code file:} URLs
 * @param contentType  the declared {@code Content-Type}, possibly with a charset parameter, or null
 * @param body         the body, already decompressed
 * @param validators   ETag / Last-Modified to send next time (kept from the request on a 304)
 * @param maxAge       {@code Cache-Control: max-age}, or null: the server's idea of a polling interval
 * @param wireBytes    bytes received before decompression, for the status record
 */
public record FetchedPage(URI requestedUrl, URI finalUrl, int status, String contentType, byte[] body,
    Validators validators, Duration maxAge, long wireBytes) {

  public FetchedPage(URI requestedUrl, URI finalUrl, int status, String contentType, byte[] body) {
    this(requestedUrl, finalUrl, status, contentType, body, Validators.NONE, null, body.length);
  }

  public boolean notModified() {
    return status == 304;
  }

  /** The charset named in {@code Content-Type}, or null: only a hint, the content may say otherwise. */
  public String declaredCharset() {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String cs = p.substring("charset=".length()).trim().replace("\"", "").replace("'", "");
        return cs.isEmpty() ? null : cs;
      }
    }
    return null;
  }

  /** The media type without parameters, lowercased, or null. */
  public String mediaType() {
    if (contentType == null) {
      return null;
    }
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /** The body as text: see {@link CharsetSniffer} for how the charset is settled. */
  public String text() {
    return CharsetSniffer.decode(body, declaredCharset());
  }
}
