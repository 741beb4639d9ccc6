package io.wirewatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.util.List;

/**
 * Parses a feed's text with Rome on the parser of {@link SecureFeedInput}, and decides what a
 * failure means: a refusal on purpose (an entity bomb, an outside resource) is reported as such;
 * XML that is not well-formed gets one retry with Rome's entity healer; well-formed XML that Rome
 * cannot map goes to {@link LenientFeedParser}; XML that is no feed is refused naming its root.
 */
final class RomeParser {

  /** What parsing gave: Rome's feed, or the entries the lenient reader found. Exactly one is set. */
  record Parsed(SyndFeed feed, List<FeedEntry> lenientEntries) {}

  private RomeParser() {}

  static Parsed parse(String text, URI feedUrl) throws FeedParseException {
    try {
      return new Parsed(build(text), null);
    } catch (FeedException | IOException | RuntimeException e) {
      String refusal = refusal(e);
      if (refusal != null) {
        throw new FeedParseException(feedUrl, refusal, e);
      }
      if (isMalformedXml(e)) {
        // not well-formed XML: no second chance
        throw new FeedParseException(feedUrl, String.valueOf(e.getMessage()), e);
      }
      // Well-formed XML that Rome cannot map (unknown version, a missing <channel>, a Rome bug on
      // base64 content): read the entries by element names, as lenient feed readers do.
      List<FeedEntry> entries = LenientFeedParser.entries(text, feedUrl);
      if (entries == null) {
        String root = LenientFeedParser.foreignRoot(text, feedUrl);
        throw new FeedParseException(feedUrl, root == null ? String.valueOf(e.getMessage())
            : "XML, but no feed: the root element is <" + root + ">, not rss, feed, rdf:RDF or channel", e);
      }
      return new Parsed(null, entries);
    }
  }

  /**
   * Rome's "XML healer" rewrites HTML entities such as {@code &nbsp;} to numeric references so that
   * sloppy feeds parse, but it does so inside CDATA sections too, where {@code &lt;} is literal text
   * and must stay as written. So the feed is parsed as it is first, and healed only if that fails.
   */
  private static SyndFeed build(String text) throws FeedException, IOException {
    try {
      return build(text, false);
    } catch (FeedException | RuntimeException e) {
      if (!isMalformedXml(e) || refusal(e) != null) {
        throw e;
      }
      return build(text, true);
    }
  }

  private static SyndFeed build(String text, boolean heal) throws FeedException, IOException {
    try (Reader reader = new StringReader(text)) {
      // preserveWireFeed: for RSS <ttl>, which the Synd model drops
      return new SyndFeedImpl(new SecureFeedInput(heal).build(reader), true);
    }
  }

  private static boolean isMalformedXml(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof org.xml.sax.SAXException || c instanceof org.jdom2.input.JDOMParseException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The reason when the parser refused the feed on purpose (an entity limit or an external
   * resource), else null; the innermost message, without the wrappers' prefixes. The JDK reports
   * its limits only through message codes (JAXP00010001...), so the code prefix identifies them.
   */
  private static String refusal(Throwable e) {
    String reason = null;
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && m.contains(SecureFeedInput.JDK_LIMIT_MESSAGE_PREFIX)) {
        reason = "refused: entity expansion beyond the reader's limits (an entity bomb?): "
            + m.substring(m.indexOf(SecureFeedInput.JDK_LIMIT_MESSAGE_PREFIX));
      } else if (m != null && m.contains(SecureFeedInput.OUTSIDE_RESOURCE_REFUSED)) {
        reason = m;
      }
    }
    return reason;
  }
}
