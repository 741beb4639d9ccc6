package io.wirewatch.ingest.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Second chance for well-formed feeds Rome rejects: RSS without a version or a channel, Channel
 * Definition Format, Atom 0.3 base64 content. Entries are read by element name only (item, entry),
 * with the usual child names for each field. Hand-written because the alternative is losing feeds
 * that every browser-era reader displays; it runs only after Rome has failed on XML that parsed.
 * Jsoup's XML parser reads no DTD and resolves no external entity.
 */
final class LenientFeedParser {

  private static final Set<String> FEED_ROOTS = Set.of("rss", "feed", "rdf:rdf", "channel", "rdf");

  private LenientFeedParser() {}

  /** The entries, or null when the document does not look like a feed at all. */
  static List<FeedEntry> entries(String text, URI feedUrl) {
    Document doc = Parser.xmlParser().parseInput(text, feedUrl.toString());
    Element root = doc.children().isEmpty() ? null : doc.child(0);
    if (root == null || !isFeedRoot(root.tagName())) {
      return null;
    }
    List<FeedEntry> out = new ArrayList<>();
    for (Element e : doc.select("item, entry")) {
      String link = first(e, "link");
      if (link == null) {
        Element l = e.selectFirst("link[href]");
        link = l == null ? e.attr("href") : l.attr("href");
      }
      EntryMapper.Link l = EntryMapper.link(feedUrl, link);
      out.add(new FeedEntry(
          EntryMapper.blankToNull(first(e, "guid", "id")),
          EntryMapper.title(decoded(e, "title")),
          l.url(),
          FeedDates.parse(first(e, "pubDate", "published", "issued", "dc:date", "updated", "modified")),
          EntryMapper.blankToNull(first(e, "author", "dc:creator")),
          EntryMapper.blankToNull(decoded(e, "content", "summary", "description", "abstract")),
          l.problem()));
    }
    return out;
  }

  /** The root element's name when it is none of the feed formats' roots, else null. */
  static String foreignRoot(String text, URI feedUrl) {
    Document doc = Parser.xmlParser().parseInput(text, feedUrl.toString());
    if (doc.children().isEmpty()) {
      return null;
    }
    String name = doc.child(0).tagName();
    return isFeedRoot(name) ? null : name;
  }

  private static boolean isFeedRoot(String tagName) {
    return FEED_ROOTS.contains(tagName.toLowerCase(Locale.ROOT));
  }

  private static String decoded(Element e, String... names) {
    for (String n : names) {
      Element c = e.selectFirst("> " + n.replace(":", "|"));
      if (c != null && !c.text().isBlank()) {
        String v = c.text().trim();
        if ("base64".equalsIgnoreCase(c.attr("mode"))) {
          try {
            return new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException bad) {
            return v;
          }
        }
        return v;
      }
    }
    return null;
  }

  private static String first(Element e, String... names) {
    for (String n : names) {
      Element c = e.selectFirst("> " + n.replace(":", "|"));
      if (c != null && !c.text().isBlank()) {
        return c.text().trim();
      }
    }
    return null;
  }
}
