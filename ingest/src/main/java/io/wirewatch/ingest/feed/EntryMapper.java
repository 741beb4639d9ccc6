package io.wirewatch.ingest.feed;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import io.wirewatch.ingest.fetch.UrlCanonicalizer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns Rome's entries into {@link FeedEntry}s, correcting what Rome's model loses of what the feed
 * says: titles (markup, base64, {@code dc:title}, xml:base), Atom 0.3 links without {@code rel},
 * the guid Rome invents from the link, and Atom dates inside RSS items.
 */
final class EntryMapper {

  private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  private static final Pattern XHTML_DIV = Pattern.compile(
      "(?s)^<div xmlns=\"http://www.w3.org/1999/xhtml\">(.*)</div>$");

  /** A link as the entry gives it: canonical, or null with the reason it is unusable. */
  record Link(URI url, String problem) {}

  private EntryMapper() {}

  /** The entries of {@code feed}, parsed from {@code text}, at most {@code max}. */
  static List<FeedEntry> entries(SyndFeed feed, String text, URI feedUrl, int max) {
    List<FeedEntry> out = new ArrayList<>();
    int n = feed.getEntries().size();
    List<URI> bases = XmlBase.itemBases(text, feedUrl, n);
    List<TitleMarkup.Source> titles = TitleMarkup.itemTitles(text, feedUrl, n);
    int index = 0;
    for (SyndEntry e : feed.getEntries()) {
      if (out.size() >= max) {
        break;
      }
      URI base = bases == null ? feedUrl : bases.get(index);
      TitleMarkup.Source titleSource = titles == null ? null : titles.get(index);
      index++;
      Link link = link(base, href(e));
      out.add(new FeedEntry(guid(e), title(e, titleSource), link.url(), published(e), blankToNull(e.getAuthor()),
          summary(e), link.problem()));
    }
    return out;
  }

  /** RSS's {@code <ttl>} (minutes to cache), which only the wire feed keeps; null when absent. */
  static Duration ttl(SyndFeed feed) {
    Object wire = feed.originalWireFeed();
    if (wire instanceof Channel ch && ch.getTtl() > 0) {
      return Duration.ofMinutes(ch.getTtl());
    }
    return null;
  }

  /** {@code href} resolved against {@code base} and canonicalised; an unusable one keeps its reason. */
  static Link link(URI base, String href) {
    if (href == null || href.isBlank()) {
      return new Link(null, null);
    }
    try {
      return new Link(UrlCanonicalizer.canonicalize(base, href.trim()), null);
    } catch (IllegalArgumentException bad) {
      // The entry stays: its guid and title still identify it, and the poller reports the reason.
      return new Link(null, bad.getMessage());
    }
  }

  /** Rome hands an Atom type="xhtml" title over with its wrapping div, which is no part of the title. */
  static String title(String t) {
    String s = blankToNull(t);
    if (s == null) {
      return null;
    }
    Matcher m = XHTML_DIV.matcher(s);
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
      DCModule dc = (DCModule) e.getModule(DCModule.URI);
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
    String t = type.toLowerCase(Locale.ROOT);
    return !t.startsWith("text/") && !t.contains("xml");
  }

  /**
   * The decoded text, or the value as written when it does not decode to UTF-8 text: feeds also
   * label plain titles with made-up MIME types, and "test" is valid base64 of three binary bytes.
   */
  private static String base64(String s) {
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(s.trim());
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r') ? s : text;
    } catch (IllegalArgumentException | CharacterCodingException notBase64Text) {
      return s;
    }
  }

  private static String absoluteLinks(String html, URI base) {
    Document doc = Jsoup.parseBodyFragment(html, base.toString());
    doc.outputSettings().prettyPrint(false);
    boolean changed = false;
    for (Element el : doc.select("[href], [src]")) {
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

  /**
   * The entry's link as written. Atom 0.3 makes rel optional and Rome then files the link under no
   * relation; a link without rel is the alternate one, as in Atom 1.0.
   */
  private static String href(SyndEntry e) {
    String href = blankToNull(e.getLink());
    if (href != null) {
      return href;
    }
    for (SyndLink l : e.getLinks()) {
      if ((l.getRel() == null || "alternate".equals(l.getRel())) && blankToNull(l.getHref()) != null) {
        return l.getHref().trim();
      }
    }
    return null;
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

  /**
   * Publication, else update time. RSS items also carry {@code atom:published} / {@code atom:updated},
   * which Rome leaves as foreign markup; they are read from there when the item has no RSS date.
   */
  private static Instant published(SyndEntry e) {
    java.util.Date d = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
    if (d != null) {
      return d.toInstant();
    }
    for (String name : new String[] {"published", "updated"}) {
      for (org.jdom2.Element f : e.getForeignMarkup()) {
        if (name.equals(f.getName()) && ATOM_NS.equals(f.getNamespaceURI())) {
          try {
            return OffsetDateTime.parse(f.getTextTrim()).toInstant();
          } catch (DateTimeParseException notRfc3339) {
            // Atom dates are RFC 3339; anything else is no date
          }
        }
      }
    }
    return null;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
