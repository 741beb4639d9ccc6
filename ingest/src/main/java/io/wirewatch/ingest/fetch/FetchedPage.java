package io.wirewatch.ingest.fetch;

import java.net.URI;
import java.util.Locale;

/**
 * The bytes of a successful fetch.
 *
 * @param requestedUrl the URL asked for
 * @param finalUrl     the URL after redirects; relative links resolve against it
 * @param status       HTTP status, 200 for {@code file:} URLs
 * @param contentType  the declared {@code Content-Type}, possibly with a charset parameter, or null
 * @param body         the body, already decompressed
 */
public record FetchedPage(URI requestedUrl, URI finalUrl, int status, String contentType, byte[] body) {

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
}
