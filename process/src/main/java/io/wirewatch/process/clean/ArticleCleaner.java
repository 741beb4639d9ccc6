package io.wirewatch.process.clean;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Turns an article page into its headline, metadata and main text, without navigation, captions,
 * related-links boxes and other boilerplate, so that a keyword in a sidebar never raises an alert.
 *
 * <p>The steps, each small and named: read metadata first (it lives in the parts removed later),
 * strip elements that are never article text, strip elements whose class or id names boilerplate,
 * pick the element that holds most paragraph text, and keep its text blocks that are neither
 * link lists nor "read also" teasers. Thread-safe: no state.
 */
public final class ArticleCleaner {

  /** Elements that never carry article text. */
  private static final String NEVER_CONTENT =
      "script, style, noscript, template, iframe, svg, canvas, form, button, input, select, nav, aside, "
          + "footer, figure, figcaption, picture, video, audio, dialog";

  /** Class or id words that mark boilerplate containers on most news sites. */
  private static final Pattern BOILERPLATE = Pattern.compile(
      "(^|[-_\\s])(skip|share|sharing|social|related|recommend\\w*|newsletter|subscribe|cookie|consent|promo|"
          + "advert\\w*|ads?|sponsor\\w*|caption|credit|comments?|breadcrumbs?|menu|sidebar|widget|popular|"
          + "trending|read-?also|more-?stories|outbrain|taboola|byline|tags?|author-bio|masthead|site-header|"
          + "site-footer|photo|gallery|disclaimer)([-_\\s]|$)",
      Pattern.CASE_INSENSITIVE);

  /** Text blocks that announce a link to another story rather than tell this one. */
  private static final Pattern TEASER = Pattern.compile(
      "^(read( more| also)?|also (worth )?read(ing)?|related( stories| articles)?|see also|more on this|"
          + "watch|listen|click here|sign up|subscribe)\\b.{0,200}$",
      Pattern.CASE_INSENSITIVE);

  /** A block whose text is mostly link text is a list of links, not prose. */
  private static final double MAX_LINK_DENSITY = 0.5;

  /** Title separators between headline and site name: "Headline | Site", "Headline - Site". */
  private static final Pattern TITLE_SITE_SUFFIX = Pattern.compile("\\s+[|\\-–—·:]\\s+[^|\\-–—·:]{2,40}$");

  private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");

  public CleanedPage clean(String html, String baseUrl) {
    Document doc = Jsoup.parse(html, baseUrl == null ? "" : baseUrl);
    String title = headline(doc);
    String byline = byline(doc);
    Instant published = published(doc);
    String language = declaredLanguage(doc);

    removeNeverContent(doc);
    removeBoilerplateContainers(doc);
    Element body = mainContent(doc);
    String text = body == null ? "" : String.join("\n\n", textBlocks(body, title));
    return new CleanedPage(title, byline, published, language, text);
  }

  /** The headline: og:title, else the first h1, else the page title without the site name. */
  static String headline(Document doc) {
    String og = meta(doc, "meta[property=og:title]");
    Element h1 = doc.selectFirst("article h1, main h1, h1");
    if (h1 != null && !normalize(h1.text()).isEmpty()) {
      return normalize(h1.text());
    }
    if (og != null) {
      return og;
    }
    String title = normalize(doc.title());
    return TITLE_SITE_SUFFIX.matcher(title).replaceFirst("");
  }

  private static String byline(Document doc) {
    String meta = meta(doc, "meta[name=author]");
    if (meta != null) {
      return meta;
    }
    Element e = doc.selectFirst("[rel=author], [itemprop=author], .byline, .author");
    return e == null || normalize(e.text()).isEmpty() ? null : normalize(e.text()).replaceFirst("(?i)^by\\s+", "");
  }

  /** Publication time from article meta tags, else the first {@code <time datetime>}. */
  private static Instant published(Document doc) {
    String[] selectors = {
      "meta[property=article:published_time]", "meta[itemprop=datePublished]",
      "meta[name=pubdate]", "meta[name=publishdate]", "meta[name=date]", "meta[name=dc.date]"
    };
    for (String s : selectors) {
      Instant t = parseTime(meta(doc, s));
      if (t != null) {
        return t;
      }
    }
    for (Element time : doc.select("time[datetime]")) {
      Instant t = parseTime(time.attr("datetime"));
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  static Instant parseTime(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String v = s.trim();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException ignored) {
      // not a full timestamp with offset; try the other common shapes below
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException ignored) {
      // not UTC 'Z' form
    }
    try {
      return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }

  private static String declaredLanguage(Document doc) {
    Element html = doc.selectFirst("html[lang]");
    if (html == null) {
      return null;
    }
    String lang = html.attr("lang").trim().toLowerCase(Locale.ROOT);
    return lang.length() >= 2 ? lang.substring(0, 2) : null;
  }

  private static void removeNeverContent(Document doc) {
    doc.select(NEVER_CONTENT).remove();
    doc.select("header:not(:has(h1))").remove();
    doc.select("[hidden], [aria-hidden=true], [role=navigation], [role=complementary]").remove();
  }

  private static void removeBoilerplateContainers(Document doc) {
    List<Element> doomed = new ArrayList<>();
    for (Element e : doc.body() == null ? new Elements() : doc.body().getAllElements()) {
      if (e == doc.body() || e.tagName().equals("article") || e.tagName().equals("main")) {
        continue;
      }
      String marks = e.className() + " " + e.id();
      if (!marks.isBlank() && BOILERPLATE.matcher(marks).find()) {
        doomed.add(e);
      }
    }
    doomed.forEach(Element::remove);
  }

  /**
   * The element that holds the story: schema.org articleBody when the page marks it, else the
   * parent of the most paragraph text (each paragraph also credits its grandparent half, so text
   * split across sibling divs still gathers under their common container).
   */
  private static Element mainContent(Document doc) {
    Element marked = doc.selectFirst("[itemprop=articleBody]");
    if (marked != null && marked.text().length() > 200) {
      return marked;
    }
    Map<Element, Double> score = new IdentityHashMap<>();
    for (Element p : doc.select("p")) {
      int len = normalize(p.text()).length();
      if (len < 25 || linkDensity(p) > MAX_LINK_DENSITY) {
        continue;
      }
      Element parent = p.parent();
      if (parent == null) {
        continue;
      }
      score.merge(parent, (double) len, Double::sum);
      if (parent.parent() != null) {
        score.merge(parent.parent(), len / 2.0, Double::sum);
      }
    }
    return score.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(doc.body());
  }

  /** Paragraph-level blocks of {@code root} that read as prose of this article. */
  private static List<String> textBlocks(Element root, String title) {
    List<String> blocks = new ArrayList<>();
    for (Element e : root.select("p, h2, h3, h4, blockquote, li, pre")) {
      if (hasBlockAncestorWithin(e, root)) {
        continue;
      }
      String t = normalize(e.text());
      if (t.isEmpty() || t.equals(title) || linkDensity(e) > MAX_LINK_DENSITY || TEASER.matcher(t).matches()) {
        continue;
      }
      blocks.add(t);
    }
    if (blocks.isEmpty()) {
      String t = normalize(root.text());
      if (!t.isEmpty()) {
        blocks.add(t);
      }
    }
    return blocks;
  }

  /** A block nested in another kept block (li inside blockquote) would be kept twice. */
  private static boolean hasBlockAncestorWithin(Element e, Element root) {
    for (Element a = e.parent(); a != null && a != root; a = a.parent()) {
      if (a.is("p, h2, h3, h4, blockquote, li, pre")) {
        return true;
      }
    }
    return false;
  }

  private static double linkDensity(Element e) {
    int total = e.text().length();
    if (total == 0) {
      return 0;
    }
    int linked = 0;
    for (Element a : e.select("a")) {
      linked += a.text().length();
    }
    return (double) linked / total;
  }

  private static String meta(Document doc, String selector) {
    Element e = doc.selectFirst(selector);
    if (e == null) {
      return null;
    }
    String v = normalize(e.attr("content"));
    return v.isEmpty() ? null : v;
  }

  /** NFC, invisible characters removed, whitespace collapsed: text compares equal however it was typed. */
  static String normalize(String s) {
    if (s == null) {
      return "";
    }
    String n = Normalizer.normalize(s, Normalizer.Form.NFC);
    n = INVISIBLE.matcher(n).replaceAll("");
    return SPACES.matcher(n).replaceAll(" ").trim();
  }
}
