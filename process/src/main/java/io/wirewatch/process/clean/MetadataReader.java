package io.wirewatch.process.clean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads what a page says about itself: JSON-LD (schema.org Article and its kinds), OpenGraph and
 * other meta tags, {@code <time>}. (The page's canonical URL is decided once, by ingest, before
 * the page reaches this stage: {@code RawArticle.url}.) Publishers fill these for search
 * engines and social cards, so they are more reliable than anything guessed from the layout.
 */
final class MetadataReader {

  private static final ObjectMapper JSON = io.wirewatch.model.Json.MAPPER;

  /** schema.org types whose headline/dates/author are the page's own (not a breadcrumb's or a site's). */
  private static final Set<String> ARTICLE_TYPES = Set.of(
      "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
      "reviewnewsarticle", "backgroundnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
      "techarticle", "scholarlyarticle", "report", "webpage", "creativework", "posting");

  PageMetadata read(Document doc) {
    Map<String, String> meta = metaTags(doc);
    JsonNode ld = articleJsonLd(doc);

    String headline = firstNonBlank(text(ld, "headline"), meta.get("og:title"), meta.get("twitter:title"));
    String byline = firstNonBlank(authors(ld), meta.get("author"), meta.get("article:author"),
        meta.get("dc.creator"), meta.get("sailthru.author"), meta.get("parsely-author"));
    if (byline != null && byline.startsWith("http")) {
      byline = null; // article:author is often a profile URL, which is not a byline
    }
    Instant published = firstTime(text(ld, "datePublished"), meta.get("article:published_time"),
        meta.get("og:published_time"), meta.get("datepublished"), meta.get("pubdate"), meta.get("publishdate"),
        meta.get("publish-date"), meta.get("date"), meta.get("dc.date"), meta.get("dc.date.issued"),
        meta.get("dcterms.created"), meta.get("sailthru.date"), meta.get("parsely-pub-date"),
        text(ld, "dateCreated"));
    if (published == null) {
      published = firstTimeElement(doc);
    }
    Instant modified = firstTime(text(ld, "dateModified"), meta.get("article:modified_time"),
        meta.get("og:updated_time"), meta.get("datemodified"), meta.get("dcterms.modified"));
    String siteName = firstNonBlank(meta.get("og:site_name"), publisherName(ld), meta.get("application-name"));
    String language = language(doc, meta, ld);
    String leadImage = absolute(doc, firstNonBlank(meta.get("og:image"), meta.get("twitter:image"), image(ld)));
    String articleBody = text(ld, "articleBody");
    return new PageMetadata(clean(headline), clean(byline), published, modified, clean(siteName),
        language, leadImage, articleBody);
  }

  /** meta name/property/itemprop → content, first occurrence wins, keys lowercased. */
  private static Map<String, String> metaTags(Document doc) {
    Map<String, String> out = new HashMap<>();
    for (Element m : doc.getElementsByTag("meta")) {
      String content = m.attr("content");
      if (content.isBlank()) {
        continue;
      }
      for (String key : new String[] {m.attr("property"), m.attr("name"), m.attr("itemprop"), m.attr("http-equiv")}) {
        if (!key.isEmpty()) {
          out.putIfAbsent(key.toLowerCase(Locale.ROOT), content.trim());
        }
      }
    }
    return out;
  }

  /** The first JSON-LD object typed as an article; pages often also carry Organization, BreadcrumbList... */
  private static JsonNode articleJsonLd(Document doc) {
    JsonNode fallback = null;
    for (Element script : doc.select("script[type=application/ld+json]")) {
      JsonNode root;
      try {
        root = JSON.readTree(script.data());
      } catch (IOException e) {
        continue; // broken JSON-LD is common and the page is still readable without it
      }
      List<JsonNode> nodes = new ArrayList<>();
      flatten(root, nodes);
      for (JsonNode n : nodes) {
        String type = typeOf(n);
        if (type == null || !ARTICLE_TYPES.contains(type)) {
          continue;
        }
        if (!type.equals("webpage") && !type.equals("creativework")) {
          return n;
        }
        if (fallback == null) {
          fallback = n;
        }
      }
    }
    return fallback;
  }

  private static void flatten(JsonNode n, List<JsonNode> out) {
    if (n == null) {
      return;
    }
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else if (n.isObject()) {
      out.add(n);
      flatten(n.get("@graph"), out);
      JsonNode main = n.get("mainEntity");
      if (main != null && main.isObject()) {
        flatten(main, out);
      }
    }
  }

  private static String typeOf(JsonNode n) {
    JsonNode t = n.get("@type");
    if (t == null) {
      return null;
    }
    if (t.isArray()) {
      for (JsonNode x : t) {
        String v = x.asText().toLowerCase(Locale.ROOT);
        if (ARTICLE_TYPES.contains(v)) {
          return v;
        }
      }
      return null;
    }
    return t.asText().toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode n, String field) {
    if (n == null) {
      return null;
    }
    JsonNode v = n.get(field);
    if (v == null) {
      return null;
    }
    if (v.isArray()) {
      v = v.size() == 0 ? null : v.get(0);
    }
    return v == null || !v.isValueNode() ? null : v.asText();
  }

  private static String authors(JsonNode ld) {
    if (ld == null || ld.get("author") == null) {
      return null;
    }
    JsonNode a = ld.get("author");
    List<String> names = new ArrayList<>();
    for (JsonNode x : a.isArray() ? a : List.of(a)) {
      String name = x.isObject() ? (x.hasNonNull("name") ? x.get("name").asText() : null) : x.asText();
      if (name != null && !name.isBlank() && !name.startsWith("http")) {
        names.add(name.trim());
      }
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  private static String publisherName(JsonNode ld) {
    JsonNode p = ld == null ? null : ld.get("publisher");
    return p != null && p.isObject() && p.hasNonNull("name") ? p.get("name").asText() : null;
  }

  private static String image(JsonNode ld) {
    JsonNode i = ld == null ? null : ld.get("image");
    if (i == null) {
      return null;
    }
    if (i.isArray()) {
      i = i.size() == 0 ? null : i.get(0);
    }
    if (i == null) {
      return null;
    }
    return i.isObject() ? (i.hasNonNull("url") ? i.get("url").asText() : null) : i.asText();
  }

  private static String language(Document doc, Map<String, String> meta, JsonNode ld) {
    Element html = doc.selectFirst("html[lang]");
    String lang = firstNonBlank(html == null ? null : html.attr("lang"), meta.get("content-language"),
        meta.get("og:locale"), text(ld, "inLanguage"));
    if (lang == null) {
      return null;
    }
    lang = lang.trim().toLowerCase(Locale.ROOT);
    return lang.length() >= 2 && Character.isLetter(lang.charAt(0)) && Character.isLetter(lang.charAt(1))
        ? lang.substring(0, 2) : null;
  }

  /** The first {@code <time>} that parses: most article templates put the publication time first. */
  private static Instant firstTimeElement(Document doc) {
    for (Element time : doc.getElementsByTag("time")) {
      Instant t = TimeParser.parse(time.hasAttr("datetime") ? time.attr("datetime") : time.text());
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static Instant firstTime(String... values) {
    for (String v : values) {
      Instant t = TimeParser.parse(v);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** Meta and JSON-LD values may be relative; consumers of {@code CleanedPage} get absolute URLs. */
  private static String absolute(Document doc, String url) {
    if (url == null || doc.location().isEmpty()) {
      return url;
    }
    return org.jsoup.internal.StringUtil.resolve(doc.location(), url);
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    // Some sites put markup or entities in meta content: let Jsoup read it as HTML text, so that
    // "&lt; 5%" stays "< 5%" while real tags are dropped.
    String t = s.indexOf('&') >= 0 || s.indexOf('<') >= 0 ? org.jsoup.Jsoup.parseBodyFragment(s).text() : s;
    t = TextNormalizer.normalize(t);
    return t.isEmpty() ? null : t;
  }
}
