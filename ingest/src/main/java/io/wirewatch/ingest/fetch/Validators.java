package io.wirewatch.ingest.fetch;

/**
 * What a server said identifies the version it sent, replayed on the next request so that an
 * unchanged feed answers 304 with no body.
 *
 * @param etag         the {@code ETag} header as sent (quotes and weak prefix kept), or null
 * @param lastModified the {@code Last-Modified} header as sent, or null
 */
public record Validators(String etag, String lastModified) {

  public static final Validators NONE = new Validators(null, null);

  public boolean isEmpty() {
    return etag == null && lastModified == null;
  }
}
