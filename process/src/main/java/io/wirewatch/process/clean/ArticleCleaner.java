package io.wirewatch.process.clean;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Turns an article page into its headline, metadata and main text, without navigation, captions,
 * related-links boxes and other boilerplate, so that a keyword in a sidebar never raises an alert.
 *
 * <p>The steps, each a small class: read what the page declares about itself (it lives in parts
 * removed later), choose the headline, prune what is never article text, locate the story's
 * container by paragraph evidence, cut it into blocks and keep the blocks that read as the story.
 * Written by hand on Jsoup rather than with a port of Readability because the cleaner must be fast
 * enough to run inside the Streams stage (one parse, a few linear passes). Thread-safe: no state.
 */
public final class ArticleCleaner {

  /**
   * Tags (opening or closing) a page may hold before it is refused unparsed. A parsed element
   * costs a few hundred bytes with what the cleaner keeps per element, and a page at ingest's 4 MB
   * body limit can hold 800,000 elements (one {@code <b>x</b>} after the other) or a million (a
   * stray {@code </p>} is an element to an HTML parser): more heap than the process stage has
   * (256 MB) for that one page. News pages hold a few thousand tags (the 181 Zyte pages 3,168 at
   * most); the longest encyclopedia articles well under 200,000.
   */
  static final int MAX_TAGS = 300_000;

  private final MetadataReader metadata = new MetadataReader();
  private final HeadlineChooser headlines = new HeadlineChooser();
  private final PagePruner pruner = new PagePruner();
  private final ContentLocator locator = new ContentLocator();
  private final BlockCollector collector = new BlockCollector();
  private final BlockFilter filter = new BlockFilter();

  /**
   * The article of a page.
   *
   * @throws UnreadablePageException when the page is empty, not text, or keeps no readable text;
   *     nothing else is thrown, whatever the input
   */
  public CleanedPage clean(String html, String baseUrl) {
    TextQuality.notText(html).ifPresent(reason -> {
      throw new UnreadablePageException(reason);
    });
    int tags = tags(html);
    if (tags > MAX_TAGS) {
      throw new UnreadablePageException("not an article: more than " + MAX_TAGS + " tags (" + html.length()
          + " characters)");
    }
    Document doc = Jsoup.parse(html, baseUrl == null ? "" : baseUrl);
    PageMetadata meta = metadata.read(doc);
    String title = headlines.choose(doc, meta);
    String byline = meta.byline() != null ? meta.byline() : visibleByline(doc);

    pruner.prune(doc);
    ContentLocator.Located located = locator.locate(doc, markedArticleBody(doc));
    List<String> blocks = filter.keep(collector.collect(located.roots()), title);
    String text = String.join("\n\n", blocks);
    TextQuality.unreadable(title, text).ifPresent(reason -> {
      throw new UnreadablePageException(reason);
    });
    return new CleanedPage(title, byline, meta.published(), meta.language(), text,
        meta.modified(), meta.siteName(), meta.leadImage());
  }

  /**
   * Tags, counted up to one past {@link #MAX_TAGS}: a {@code <} followed by a letter or a
   * {@code /}. Over-counts a little (a {@code <b} in a script), which only errs towards refusing
   * pages far beyond any article.
   */
  static int tags(String html) {
    int tags = 0;
    for (int i = html.indexOf('<'); i >= 0 && i + 1 < html.length() && tags <= MAX_TAGS; i = html.indexOf('<', i + 1)) {
      char c = html.charAt(i + 1);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/') {
        tags++;
      }
    }
    return tags;
  }

  /** The byline as printed when no meta tag states it. */
  private static String visibleByline(Document doc) {
    Element e = doc.selectFirst("[rel=author], [itemprop=author], .byline, .author");
    if (e == null) {
      return null;
    }
    String t = TextNormalizer.normalize(e.text()).replaceFirst("(?i)^by\\s+", "");
    return t.isEmpty() || t.length() > 120 ? null : t;
  }

  /** The publisher's own marking of the story's container (schema.org microdata). */
  private static Element markedArticleBody(Document doc) {
    Elements marked = doc.getElementsByAttributeValue("itemprop", "articleBody");
    return marked.isEmpty() ? null : marked.first();
  }

  /** Kept for callers that normalise text the same way as the cleaner. */
  static String normalize(String s) {
    return TextNormalizer.normalize(s);
  }
}
