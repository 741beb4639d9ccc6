package io.wirewatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.wirewatch.ingest.fetch.UrlCanonicalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom with Rome.
 *
 * <p>Rome's {@link XmlReader} settles the charset from the byte-order mark, the HTTP
 * {@code Content-Type} and the XML declaration. DOCTYPE declarations are refused (Rome's default,
 * kept deliberately): that closes external entities (XXE) and entity-expansion bombs in one move.
 */
public final class FeedReader {

  /** Entries returned from one feed at most: a feed with a million items is an attack, not news. */
  public static final int MAX_ENTRIES = 5_000;

  public List<FeedEntry> read(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    SyndFeed feed;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), xmlContentType(contentType), true)) {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      feed = input.build(reader);
    } catch (FeedException | IOException | IllegalArgumentException e) {
      throw new FeedParseException(feedUrl, String.valueOf(e.getMessage()), e);
    }
    List<FeedEntry> out = new ArrayList<>();
    for (SyndEntry e : feed.getEntries()) {
      if (out.size() >= MAX_ENTRIES) {
        break;
      }
      out.add(new FeedEntry(
          guid(e),
          blankToNull(e.getTitle()),
          link(feedUrl, e),
          instant(e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate()),
          blankToNull(e.getAuthor()),
          summary(e)));
    }
    return out;
  }

  /**
   * RFC 3023 made {@code text/xml} without a charset mean US-ASCII, which garbles the many UTF-8
   * feeds served that way; RFC 7303 replaced the rule: the document's own declaration decides.
   * Presenting such a type as {@code application/xml} makes Rome follow the newer rule.
   */
  static String xmlContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String lower = contentType.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("text/") && !lower.contains("charset=")) {
      return "application/xml";
    }
    return contentType;
  }

  private static URI link(URI feedUrl, SyndEntry e) {
    String href = blankToNull(e.getLink());
    if (href == null) {
      return null;
    }
    try {
      return UrlCanonicalizer.canonicalize(feedUrl, href);
    } catch (IllegalArgumentException bad) {
      // The entry stays: its guid and title still identify it, and the poller reports the bad link.
      return null;
    }
  }

  /** Rome fills the id of an RSS item without {@code <guid>} with its link: that is no guid. */
  private static String guid(SyndEntry e) {
    String uri = blankToNull(e.getUri());
    return uri != null && uri.equals(blankToNull(e.getLink())) ? null : uri;
  }

  private static String summary(SyndEntry e) {
    if (!e.getContents().isEmpty()) {
      SyndContent c = e.getContents().get(0);
      if (c.getValue() != null && !c.getValue().isBlank()) {
        return c.getValue();
      }
    }
    return e.getDescription() == null ? null : blankToNull(e.getDescription().getValue());
  }

  private static java.time.Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
