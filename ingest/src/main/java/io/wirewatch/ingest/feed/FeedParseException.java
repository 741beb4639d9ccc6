package io.wirewatch.ingest.feed;

import java.net.URI;

/** A feed that could not be read, with its URL and the parser's reason. */
public final class FeedParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public FeedParseException(URI url, String reason, Throwable cause) {
    super("not a readable feed: " + reason + " (url=" + url + ")", cause);
  }
}
