package io.wirewatch.ingest.fetch;

import java.net.URI;
import java.time.Duration;

/** A fetch that failed, with the URL and, when the server answered, its HTTP status. */
public final class FetchException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient URI url;
  private final int status;
  private final transient Duration retryAfter;

  public FetchException(String message, URI url, int status) {
    this(message, url, status, null, null);
  }

  public FetchException(String message, URI url, int status, Throwable cause) {
    this(message, url, status, cause, null);
  }

  public FetchException(String message, URI url, int status, Throwable cause, Duration retryAfter) {
    super(message + " (url=" + url + (status > 0 ? ", status=" + status : "") + ")", cause);
    this.url = url;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public URI url() {
    return url;
  }

  /** HTTP status, or 0 when no response arrived (timeout, refused connection, bad scheme). */
  public int status() {
    return status;
  }

  /** The server's {@code Retry-After} (429, 503), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
