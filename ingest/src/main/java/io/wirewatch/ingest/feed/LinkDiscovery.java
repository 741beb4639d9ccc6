package io.wirewatch.ingest.feed;

import io.wirewatch.ingest.fetch.UrlCanonicalizer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds what an HTML page points to: its feed ({@code <link rel="alternate">}, for {@code auto}
 * sources) or its article links (for {@code html} index sources).
 *
 * <p>Article links are told from navigation by shape, as index pages give nothing better: same
 * site, a path deeper than one segment or with a long slug or a date/number in it, and not a
 * section, tag, author, search or media URL. Hand-written because no library decides this; the
 * rule errs towards fetching a few section pages, which the cleaner then finds have no article.
 */
public final class LinkDiscovery {

  /** Article links taken from one index page: an index is a front page, not a sitemap. */
  public static final int MAX_LINKS = 100;

  private static final Pattern NOT_ARTICLE = Pattern.compile(
      "(?i)(/(tag|tags|category|categories|topic|topics|author|authors|search|login|signin|signup|subscribe|"
          + "account|about|contact|privacy|terms|feed|rss|page)(/|$))|\\.(jpe?g|png|gif|svg|webp|pdf|css|js|xml|zip|mp[34])$");
  private static final Pattern ARTICLE_SHAPE = Pattern.compile("(\\d{4,}|[a-z0-9]+-[a-z0-9]+-[a-z0-9]+)",
      Pattern.CASE_INSENSITIVE);

  private LinkDiscovery() {}

  /** The page's first RSS or Atom alternate link, absolute, or null. */
  public static URI feedLink(String html, URI pageUrl) {
    Document doc = Jsoup.parse(html, pageUrl.toString());
    for (Element link : doc.select("link[rel~=(?i)alternate][href]")) {
      String type = link.attr("type").toLowerCase(Locale.ROOT);
      if (type.contains("rss") || type.contains("atom") || type.equals("application/xml")) {
        try {
          return UrlCanonicalizer.canonicalize(pageUrl, link.attr("href"));
        } catch (IllegalArgumentException bad) {
          // try the next one
        }
      }
    }
    return null;
  }

  /** Same-site article links of an index page, canonical, in page order, at most {@link #MAX_LINKS}. */
  public static List<URI> articleLinks(String html, URI pageUrl) {
    Document doc = Jsoup.parse(html, pageUrl.toString());
    URI self = UrlCanonicalizer.canonicalize(pageUrl);
    Set<URI> out = new LinkedHashSet<>();
    for (Element a : doc.select("a[href]")) {
      if (out.size() >= MAX_LINKS) {
        break;
      }
      URI u;
      try {
        u = UrlCanonicalizer.canonicalize(pageUrl, a.attr("href"));
      } catch (IllegalArgumentException bad) {
        continue;
      }
      if (u.equals(self) || !sameSite(u, self) || !looksLikeArticle(u)) {
        continue;
      }
      out.add(u);
    }
    return new ArrayList<>(out);
  }

  static boolean looksLikeArticle(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    String path = u.getPath() == null ? "" : u.getPath();
    if (!scheme.startsWith("http") && !scheme.equals("file") || path.length() < 2 || NOT_ARTICLE.matcher(path).find()) {
      return false;
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    long segments = trimmed.chars().filter(c -> c == '/').count();
    return ARTICLE_SHAPE.matcher(last).find() || segments >= 2 && last.length() >= 12;
  }

  private static boolean sameSite(URI a, URI b) {
    if (a.getHost() == null || b.getHost() == null) {
      return "file".equals(a.getScheme()) && "file".equals(b.getScheme());
    }
    return strip(a.getHost()).equals(strip(b.getHost())) && a.getPort() == b.getPort();
  }

  private static String strip(String host) {
    return host.startsWith("www.") ? host.substring(4) : host;
  }
}
