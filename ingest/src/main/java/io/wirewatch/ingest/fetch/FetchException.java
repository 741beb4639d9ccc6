package io.wirewatch.ingest.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A fetch that failed: what kind of failure it was, the URL, and the HTTP status when the server
 * answered. The kind says what went wrong; the status only says what the server answered (a body
 * that turned out too large came with a 200), so callers decide by the kind, never by the status.
 */
public final class FetchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong; a closed set, so callers can decide without reading messages. */
  public enum Kind {
    /** The server answered with a status other than 200 or 304; {@link #status()} says which. */
    STATUS,
    /** Connecting, waiting for the response or the whole fetch took longer than allowed. */
    TIMEOUT,
    /** The body is larger than {@code ingest.fetch.max-body-bytes} after decompression. */
    TOO_LARGE,
    /** A {@code Content-Encoding} that is not supported, or a body that does not decompress. */
    BAD_ENCODING,
    /** A redirect without a usable {@code Location}, or more redirects than allowed. */
    REDIRECT,
    /** A URL (or a redirect target) whose scheme is not allowed here. */
    SCHEME,
    /** The host resolves to an address the SSRF guard refuses. */
    REFUSED_ADDRESS,
    /** The host name does not resolve. */
    UNKNOWN_HOST,
    /** Any other I/O failure: connection refused or reset, an unreadable file, an interrupt. */
    IO
  }

  private final Kind kind;
  private final transient URI url;
  private final int status;
  private final transient Duration retryAfter;

  public FetchException(Kind kind, String message, URI url, int status) {
    this(kind, message, url, status, null, null);
  }

  public FetchException(Kind kind, String message, URI url, int status, Throwable cause) {
    this(kind, message, url, status, cause, null);
  }

  public FetchException(Kind kind, String message, URI url, int status, Throwable cause, Duration retryAfter) {
    super(message + " (url=" + url + (status > 0 ? ", status=" + status : "") + ")", cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.url = url;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  public URI url() {
    return url;
  }

  /**
   * The HTTP status of the response the failure came with, or 0 when no response arrived
   * (timeout, refused connection, refused address, bad scheme). A {@link Kind#TOO_LARGE} body
   * still has the status its server sent.
   */
  public int status() {
    return status;
  }

  /** The server's {@code Retry-After} (429, 503), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
