package io.wirewatch.ingest.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * What Rome loses of an entry title: markup written as child elements ({@code <title>Foo <b>bar</b></title>},
 * of which Rome keeps only "Foo") and the {@code xml:base} a relative link inside the title resolves
 * against. A second pass with Jsoup's XML parser (no DTDs, no outside entities), run only when the
 * text has a title with a child element or an xml:base at all, so ordinary feeds pay nothing.
 */
final class TitleMarkup {

  /** A title start tag followed by text and then a child start tag (not CDATA, not its end tag). */
  private static final Pattern NAKED_TITLE = Pattern.compile("<title\\b[^>]*>[^<]*<[A-Za-z]");

  /**
   * One item's title as the XML has it.
   *
   * @param markup the title's inner XML when it has child elements, else null
   * @param base   the xml:base in force on the title, or null when none is declared
   */
  record Source(String markup, URI base) {}

  private TitleMarkup() {}

  /** One source per item in document order, or null when nothing is lost or the counts differ. */
  static List<Source> itemTitles(String text, URI feedUrl, int expectedItems) {
    if (!text.contains("xml:base") && !NAKED_TITLE.matcher(text).find()) {
      return null;
    }
    Document doc = Parser.xmlParser().parseInput(text, feedUrl.toString());
    doc.outputSettings().prettyPrint(false);
    List<Source> out = new ArrayList<>();
    for (Element item : doc.select("item, entry")) {
      Element title = item.selectFirst("> title");
      if (title == null) {
        out.add(new Source(null, null));
        continue;
      }
      String markup = title.children().isEmpty() ? null : title.html();
      out.add(new Source(markup, declaredBase(title, feedUrl)));
    }
    return out.size() == expectedItems ? out : null;
  }

  private static URI declaredBase(Element e, URI feedUrl) {
    List<String> chain = new ArrayList<>();
    for (Element x = e; x != null; x = x.parent()) {
      if (x.hasAttr("xml:base")) {
        chain.add(0, x.attr("xml:base").trim());
      }
    }
    if (chain.isEmpty()) {
      return null;
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
