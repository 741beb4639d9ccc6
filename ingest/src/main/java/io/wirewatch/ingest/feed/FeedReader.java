package io.wirewatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.wirewatch.ingest.fetch.UrlCanonicalizer;
import io.wirewatch.ingest.fetch.CharsetSniffer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom with Rome.
 *
 * <p>The charset is settled by {@link CharsetSniffer} (byte-order mark, HTTP {@code Content-Type},
 * XML declaration, each checked against the bytes) and Rome parses the decoded text. DOCTYPE declarations are refused (Rome's default,
 * kept deliberately): that closes external entities (XXE) and entity-expansion bombs in one move.
 */
public final class FeedReader {

  /** Entries returned from one feed at most: a feed with a million items is an attack, not news. */
  public static final int MAX_ENTRIES = 5_000;

  public List<FeedEntry> read(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    return readFeed(body, contentType, feedUrl).entries();
  }

  /** The entries and the feed-level hints (RSS {@code <ttl>}). */
  public ParsedFeed readFeed(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    SyndFeed feed;
    String text = CharsetSniffer.decode(body, charsetOf(contentType));
    // A few feeds start with blank lines before the XML declaration, which XML forbids; trimming
    // them costs nothing and loses nothing.
    text = text.stripLeading();
    if (looksLikeHtml(text)) {
      throw new FeedParseException(feedUrl, "an HTML page, not a feed (use type auto to discover its feed)", null);
    }
    // A DOCTYPE naming only an external DTD (RSS 0.91's, typically) is dropped: it would never be
    // loaded anyway. One with an internal subset, where entity bombs and XXE live, stays and is refused.
    text = EXTERNAL_DOCTYPE.matcher(text).replaceFirst("");
    try (Reader reader = new StringReader(text)) {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      input.setPreserveWireFeed(true); // for RSS <ttl>, which the Synd model drops
      feed = input.build(reader);
    } catch (FeedException | IOException | RuntimeException e) {
      if (isMalformedXml(e)) {
        // not well-formed XML (or a refused DOCTYPE): no second chance
        throw new FeedParseException(feedUrl, String.valueOf(e.getMessage()), e);
      }
      // Well-formed XML that Rome cannot map (unknown version, a missing <channel>, a Rome bug on
      // base64 content): read the entries by element names, as lenient feed readers do.
      List<FeedEntry> entries = LenientFeedParser.entries(text, feedUrl);
      if (entries == null) {
        throw new FeedParseException(feedUrl, String.valueOf(e.getMessage()), e);
      }
      return new ParsedFeed(null, entries.size() > MAX_ENTRIES ? entries.subList(0, MAX_ENTRIES) : entries, null);
    }
    List<FeedEntry> out = new ArrayList<>();
    List<URI> bases = XmlBase.itemBases(text, feedUrl, feed.getEntries().size());
    int index = 0;
    for (SyndEntry e : feed.getEntries()) {
      URI base = bases == null ? feedUrl : bases.get(index);
      index++;
      if (out.size() >= MAX_ENTRIES) {
        break;
      }
      out.add(new FeedEntry(
          guid(e),
          title(e.getTitle()),
          link(base, e),
          instant(e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate()),
          blankToNull(e.getAuthor()),
          summary(e)));
    }
    return new ParsedFeed(blankToNull(feed.getTitle()), out, ttl(feed));
  }

  private static boolean isMalformedXml(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof org.xml.sax.SAXParseException || c instanceof org.jdom2.input.JDOMParseException) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.regex.Pattern EXTERNAL_DOCTYPE =
      java.util.regex.Pattern.compile("(?i)<!DOCTYPE[^\\[>]*>");

  /** A feed's entries with what it says about itself. {@code ttl} is RSS's minutes-to-cache, or null. */
  public record ParsedFeed(String title, List<FeedEntry> entries, Duration ttl) {}

  private static Duration ttl(SyndFeed feed) {
    Object wire = feed.originalWireFeed();
    if (wire instanceof com.rometools.rome.feed.rss.Channel ch && ch.getTtl() > 0) {
      return Duration.ofMinutes(ch.getTtl());
    }
    return null;
  }

  private static boolean looksLikeHtml(String text) {
    String head = text.substring(0, Math.min(text.length(), 512)).toLowerCase(java.util.Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html");
  }

  private static String charsetOf(String contentType) {
    return contentType == null ? null
        : new io.wirewatch.ingest.fetch.FetchedPage(null, null, 0, contentType, new byte[0]).declaredCharset();
  }

  private static final java.util.regex.Pattern XHTML_DIV = java.util.regex.Pattern.compile(
      "(?s)^<div xmlns=\"http://www.w3.org/1999/xhtml\">(.*)</div>$");

  /** Rome hands an Atom type="xhtml" title over with its wrapping div, which is no part of the title. */
  public static String title(String t) {
    String s = blankToNull(t);
    if (s == null) {
      return null;
    }
    java.util.regex.Matcher m = XHTML_DIV.matcher(s);
    return m.matches() ? blankToNull(m.group(1)) : s;
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

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
