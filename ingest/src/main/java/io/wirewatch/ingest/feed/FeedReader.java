package io.wirewatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import io.wirewatch.ingest.fetch.UrlCanonicalizer;
import io.wirewatch.ingest.fetch.CharsetSniffer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom with Rome.
 *
 * <p>The charset is settled by {@link CharsetSniffer} (byte-order mark, HTTP {@code Content-Type},
 * XML declaration, each checked against the bytes) and Rome parses the decoded text, on the parser of
 * {@link SecureFeedInput}: a DOCTYPE's internal entities are expanded within strict limits, nothing
 * outside the document is ever read, and a feed that declares an external entity or blows an
 * expansion limit is refused with a reason saying so.
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
    // loaded anyway, and without it an HTML entity such as &nbsp; is an error the healer retry
    // repairs, where with it the parser would skip the entity silently. One with an internal subset
    // stays and is parsed safely.
    text = stripExternalDoctype(text);
    try {
      feed = build(text);
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
      return new ParsedFeed(null, entries.size() > MAX_ENTRIES ? entries.subList(0, MAX_ENTRIES) : entries, null);
    }
    List<FeedEntry> out = new ArrayList<>();
    List<URI> bases = XmlBase.itemBases(text, feedUrl, feed.getEntries().size());
    List<TitleMarkup.Source> titles = TitleMarkup.itemTitles(text, feedUrl, feed.getEntries().size());
    int index = 0;
    for (SyndEntry e : feed.getEntries()) {
      URI base = bases == null ? feedUrl : bases.get(index);
      TitleMarkup.Source titleSource = titles == null ? null : titles.get(index);
      index++;
      if (out.size() >= MAX_ENTRIES) {
        break;
      }
      out.add(new FeedEntry(
          guid(e),
          title(e, titleSource),
          link(base, e),
          published(e),
          blankToNull(e.getAuthor()),
          summary(e)));
    }
    return new ParsedFeed(blankToNull(feed.getTitle()), out, ttl(feed));
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

  /**
   * The entry's title text. Rome's value is corrected where it loses what the feed says: a base64
   * title (an Atom text construct typed with a binary MIME type, which feedparser and gofeed decode),
   * a {@code dc:title} standing in for a missing {@code <title>}, markup written as child elements,
   * and relative links inside title markup, resolved against the xml:base in force.
   */
  static String title(SyndEntry e, TitleMarkup.Source source) {
    String t = e.getTitle();
    SyndContent ex = e.getTitleEx();
    if (t != null && ex != null && isBinaryType(ex.getType())) {
      t = base64(t);
    }
    if (source != null && source.markup() != null) {
      t = source.markup();
    }
    if (blankToNull(t) == null) {
      com.rometools.rome.feed.module.DCModule dc =
          (com.rometools.rome.feed.module.DCModule) e.getModule(com.rometools.rome.feed.module.DCModule.URI);
      t = dc == null ? null : dc.getTitle();
    }
    t = title(t);
    if (t != null && source != null && source.base() != null && t.indexOf('<') >= 0) {
      t = absoluteLinks(t, source.base());
    }
    return t;
  }

  /** A MIME type that is neither text nor XML: Atom says such content is base64-encoded. */
  private static boolean isBinaryType(String type) {
    if (type == null || type.indexOf('/') < 0) {
      return false; // "text", "html", "xhtml" or absent
    }
    String t = type.toLowerCase(java.util.Locale.ROOT);
    return !t.startsWith("text/") && !t.contains("xml");
  }

  /**
   * The decoded text, or the value as written when it does not decode to UTF-8 text: feeds also
   * label plain titles with made-up MIME types, and "test" is valid base64 of three binary bytes.
   */
  private static String base64(String s) {
    try {
      byte[] bytes = java.util.Base64.getMimeDecoder().decode(s.trim());
      String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r') ? s : text;
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException notBase64Text) {
      return s;
    }
  }

  private static String absoluteLinks(String html, URI base) {
    org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parseBodyFragment(html, base.toString());
    doc.outputSettings().prettyPrint(false);
    boolean changed = false;
    for (org.jsoup.nodes.Element el : doc.select("[href], [src]")) {
      for (String attr : new String[] {"href", "src"}) {
        if (el.hasAttr(attr)) {
          String abs = el.absUrl(attr);
          if (!abs.isEmpty() && !abs.equals(el.attr(attr))) {
            el.attr(attr, abs);
            changed = true;
          }
        }
      }
    }
    return changed ? doc.body().html() : html;
  }

  private static URI link(URI feedUrl, SyndEntry e) {
    String href = blankToNull(e.getLink());
    if (href == null) {
      // Atom 0.3 makes rel optional and Rome then files the link under no relation; a link
      // without rel is the alternate one, as in Atom 1.0.
      for (com.rometools.rome.feed.synd.SyndLink l : e.getLinks()) {
        if ((l.getRel() == null || "alternate".equals(l.getRel())) && blankToNull(l.getHref()) != null) {
          href = l.getHref().trim();
          break;
        }
      }
    }
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

  private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

  /**
   * Publication, else update time. RSS items also carry {@code atom:published} / {@code atom:updated},
   * which Rome leaves as foreign markup; they are read from there when the item has no RSS date.
   */
  private static Instant published(SyndEntry e) {
    Instant d = instant(e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate());
    if (d != null) {
      return d;
    }
    for (String name : new String[] {"published", "updated"}) {
      for (org.jdom2.Element f : e.getForeignMarkup()) {
        if (name.equals(f.getName()) && ATOM_NS.equals(f.getNamespaceURI())) {
          try {
            return java.time.OffsetDateTime.parse(f.getTextTrim()).toInstant();
          } catch (java.time.format.DateTimeParseException notRfc3339) {
            // Atom dates are RFC 3339; anything else is no date
          }
        }
      }
    }
    return null;
  }

  private static java.time.Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
