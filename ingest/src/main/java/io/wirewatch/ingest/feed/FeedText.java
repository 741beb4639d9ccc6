package io.wirewatch.ingest.feed;

import io.wirewatch.ingest.fetch.CharsetSniffer;
import io.wirewatch.ingest.fetch.FetchedPage;
import io.wirewatch.ingest.fetch.HtmlSniffer;
import java.net.URI;

/**
 * A feed's bytes as the text the XML parser gets: decoded with the charset {@link CharsetSniffer}
 * settles on (byte-order mark, HTTP {@code Content-Type}, XML declaration, each checked against the
 * bytes), its prolog tidied, and an HTML page refused before any XML parsing.
 */
final class FeedText {

  private FeedText() {}

  /**
   * The text to parse.
   *
   * @throws FeedParseException when the body is an HTML page, not a feed
   */
  static String of(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    String charset = contentType == null ? null
        : new FetchedPage(null, null, 0, contentType, new byte[0]).declaredCharset();
    // A few feeds start with blank lines before the XML declaration, which XML forbids; trimming
    // them costs nothing and loses nothing.
    String text = CharsetSniffer.decode(body, charset).stripLeading();
    if (HtmlSniffer.looksLikeHtml(text)) {
      throw new FeedParseException(feedUrl, "an HTML page, not a feed (use type auto to discover its feed)", null);
    }
    // A DOCTYPE naming only an external DTD (RSS 0.91's, typically) is dropped: it would never be
    // loaded anyway, and without it an HTML entity such as &nbsp; is an error the healer retry
    // repairs, where with it the parser would skip the entity silently. One with an internal subset
    // stays and is parsed safely.
    return stripExternalDoctype(text);
  }

  /**
   * The text without a DOCTYPE that has no internal subset, looked for only in the prolog (after
   * the XML declaration, processing instructions, comments and white space): the same characters
   * later on, in a CDATA section quoting "<!DOCTYPE", are text and stay. Scanned by hand rather
   * than by a regular expression over the prolog, whose backtracking over comments is not linear.
   */
  static String stripExternalDoctype(String text) {
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
      } else if (text.startsWith("<?", i)) {
        int end = text.indexOf("?>", i + 2);
        if (end < 0) {
          return text;
        }
        i = end + 2;
      } else if (text.startsWith("<!--", i)) {
        int end = text.indexOf("-->", i + 4);
        if (end < 0) {
          return text;
        }
        i = end + 3;
      } else {
        break;
      }
    }
    if (!text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
      return text;
    }
    int close = text.indexOf('>', i);
    int subset = text.indexOf('[', i);
    if (close < 0 || subset >= 0 && subset < close) {
      return text; // an internal subset: parsed, safely
    }
    return text.substring(0, i) + text.substring(close + 1);
  }
}
