package io.wirewatch.ingest.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The {@code xml:base} in force at each item or entry of a feed, so relative links resolve as the
 * feed meant. Rome applies xml:base only in Atom; RSS feeds use it too. The pass runs only when the
 * text mentions xml:base, and uses Jsoup's XML parser (no DTDs, no entities from outside).
 */
final class XmlBase {

  private XmlBase() {}

  /** One base per item in document order, or null when there is no xml:base or the counts differ. */
  static List<URI> itemBases(String text, URI feedUrl, int expectedItems) {
    if (!text.contains("xml:base")) {
      return null;
    }
    Document doc = Parser.xmlParser().parseInput(text, feedUrl.toString());
    List<URI> out = new ArrayList<>();
    for (Element item : doc.select("item, entry")) {
      out.add(baseOf(item, feedUrl));
    }
    return out.size() == expectedItems ? out : null;
  }

  private static URI baseOf(Element e, URI feedUrl) {
    List<String> chain = new ArrayList<>();
    for (Element x = e; x != null; x = x.parent()) {
      if (x.hasAttr("xml:base")) {
        chain.add(0, x.attr("xml:base").trim());
      }
    }
    URI base = feedUrl;
    for (String b : chain) {
      try {
        base = base.resolve(new URI(b.replace(" ", "%20")));
      } catch (java.net.URISyntaxException | IllegalArgumentException bad) {
        // a broken base is ignored, as browsers do
      }
    }
    return base;
  }
}
