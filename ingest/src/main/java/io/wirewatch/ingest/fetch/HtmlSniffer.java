package io.wirewatch.ingest.fetch;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tells an HTML page from other content by what it starts with: the one rule both the feed reader
 * (refusing a page served at a feed URL) and the poller (discovering the feed of an {@code auto}
 * source) use, so the two never disagree about what a page is.
 */
public final class HtmlSniffer {

  /** How much of the start is looked at: a doctype or an html tag comes first, after white space. */
  private static final int HEAD_CHARS = 512;

  private HtmlSniffer() {}

  /** Whether {@code text} starts (after white space) with an HTML doctype or an {@code <html>} tag. */
  public static boolean looksLikeHtml(CharSequence text) {
    int i = 0;
    int end = Math.min(text.length(), HEAD_CHARS);
    while (i < end && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    String head = text.subSequence(i, end).toString().toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html");
  }

  /** Whether a fetched page is HTML: by its declared media type, else by its first bytes. */
  public static boolean isHtml(FetchedPage page) {
    String type = page.mediaType();
    if (type != null && type.contains("html")) {
      return true;
    }
    byte[] body = page.body();
    // The markers are ASCII; ISO-8859-1 maps each byte to one char without decoding the whole body.
    return looksLikeHtml(new String(body, 0, Math.min(body.length, HEAD_CHARS), StandardCharsets.ISO_8859_1));
  }
}
