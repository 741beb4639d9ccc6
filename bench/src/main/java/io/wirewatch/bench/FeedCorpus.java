package io.wirewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.ingest.feed.FeedDates;
import io.wirewatch.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The feed files of a test corpus (feedparser, gofeed, rss-parser, miniflux layouts) with what each
 * expects: whether it is well-formed, the HTTP {@code Content-Type} a feedparser {@code Header:}
 * line simulates, and gofeed's expected entries from the JSON next to the file.
 */
final class FeedCorpus {

  private static final Pattern HEADER = Pattern.compile("(?im)^Header:\\s*Content-type:\\s*(.+?)\\s*$");
  private static final Pattern EXPECT = Pattern.compile("(?im)^Expect:\\s*(.+?)\\s*$");
  private static final Pattern FEED_EXTENSION = Pattern.compile("(?i).*\\.(xml|rss|atom|rdf)$");

  /**
   * One expected gofeed entry; null fields are not checked.
   *
   * @param links every alternate link gofeed lists for the entry (its {@code links}), {@code link} among them
   */
  record Expected(String title, String link, List<String> links, Instant published) {}

  /**
   * What a file is. Only {@code WELL_FORMED_FEED} counts toward "every well-formed feed parses":
   *
   * <ul>
   *   <li>{@code ILL_FORMED}: a strict, namespace-aware XML parser rejects it, or its suite marks it
   *       as broken (feedparser's {@code illformed/} directory and {@code Expect: bozo} lines).</li>
   *   <li>{@code NOT_A_FEED}: well-formed XML whose root element is none of the feed formats' roots
   *       ({@link #FEED_ROOTS}). The suites keep such files to test their XML decoding or their
   *       "unknown format" error (miniflux's {@code <note>} encoding samples, gofeed's
   *       {@code unknown_feed.xml}); a feed reader must refuse them, so the bench reports them apart,
   *       as files that should fail.</li>
   * </ul>
   */
  enum Kind { WELL_FORMED_FEED, NOT_A_FEED, ILL_FORMED }

  /**
   * Local names (any case) of the root elements of the feed formats: RSS 0.9x/2.0 {@code rss}, Atom
   * 0.3/1.0 {@code feed}, RSS 0.90/1.0 {@code rdf:RDF}, and Microsoft's Channel Definition Format
   * {@code CHANNEL}, which feedparser reads as a feed.
   */
  static final Set<String> FEED_ROOTS = Set.of("rss", "feed", "rdf", "channel");

  /**
   * @param contentType from a {@code Header: Content-type:} line, or null
   * @param gofeed      expected entries, or null when the file has no gofeed expectation
   */
  record Case(Path file, String suite, Kind kind, String contentType, List<Expected> gofeed) {
    boolean wellFormed() {
      return kind == Kind.WELL_FORMED_FEED;
    }
  }

  private FeedCorpus() {}

  static List<Case> scan(Path root) throws IOException {
    List<Case> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (FEED_EXTENSION.matcher(f.getFileName().toString()).matches()) {
          out.add(describe(root, f));
        }
      }
    }
    return out;
  }

  static Case describe(Path root, Path f) throws IOException {
    String rel = root.relativize(f).toString().replace('\\', '/');
    String suite = rel.contains("feedparser") ? "feedparser" : rel.contains("gofeed") ? "gofeed"
        : rel.contains("rss-parser") ? "rss-parser" : rel.contains("miniflux") ? "miniflux" : "other";
    String head = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
    head = head.substring(0, Math.min(head.length(), 4096));
    Matcher h = HEADER.matcher(head);
    String contentType = h.find() ? h.group(1) : null;
    boolean suiteSaysBroken = rel.contains("/illformed/");
    Matcher e = EXPECT.matcher(head);
    if (e.find()) {
      String expect = e.group(1).trim();
      suiteSaysBroken |= expect.startsWith("bozo") || expect.contains(" and bozo");
    }
    String rootElement = suiteSaysBroken ? null : wellFormedRoot(f);
    Kind kind = rootElement == null ? Kind.ILL_FORMED
        : FEED_ROOTS.contains(rootElement.toLowerCase(Locale.ROOT)) ? Kind.WELL_FORMED_FEED : Kind.NOT_A_FEED;
    List<Expected> gofeed = null;
    String name = f.getFileName().toString();
    Path json = f.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".json");
    if (suite.equals("gofeed") && Files.isRegularFile(json)) {
      gofeed = expectations(Json.MAPPER.readTree(json.toFile()));
    }
    return new Case(f, suite, kind, contentType, gofeed);
  }

  /**
   * The local name of the root element when a strict, namespace-aware XML parser accepts the file
   * as it is (its own encoding detection, no DTD loaded), else null. Suites mark many broken files
   * as plain cases because their parsers are lenient; "well-formed" here means what XML means by it.
   */
  static String wellFormedRoot(Path f) {
    try {
      javax.xml.parsers.SAXParserFactory factory = javax.xml.parsers.SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      String[] root = new String[1];
      factory.newSAXParser().parse(f.toFile(), new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes atts) {
          if (root[0] == null) {
            root[0] = localName;
          }
        }
      });
      return root[0];
    } catch (Exception e) {
      return null;
    }
  }

  static List<Expected> expectations(JsonNode root) {
    JsonNode items = root.has("items") ? root.get("items") : root.get("entries");
    List<Expected> out = new ArrayList<>();
    if (items == null || !items.isArray()) {
      return out;
    }
    for (JsonNode i : items) {
      out.add(new Expected(text(i, "title"), link(i), alternates(i), FeedDates.parse(firstText(i, "published", "pubDate", "issued", "updated",
          "modified"))));
    }
    return out;
  }

  private static String link(JsonNode i) {
    String l = text(i, "link");
    if (l != null) {
      return l;
    }
    JsonNode links = i.get("links");
    if (links != null && links.isArray()) {
      for (JsonNode n : links) {
        if (n.isTextual()) {
          return n.asText();
        }
        String rel = text(n, "rel");
        if (rel == null || rel.equals("alternate")) {
          return text(n, "href");
        }
      }
    }
    return null;
  }

  private static List<String> alternates(JsonNode i) {
    List<String> out = new ArrayList<>();
    JsonNode links = i.get("links");
    if (links != null && links.isArray()) {
      for (JsonNode n : links) {
        String rel = n.isTextual() ? null : text(n, "rel");
        String href = n.isTextual() ? n.asText() : text(n, "href");
        if (href != null && !href.isBlank() && (rel == null || rel.equals("alternate"))) {
          out.add(href);
        }
      }
    }
    return out;
  }

  private static String firstText(JsonNode n, String... fields) {
    for (String f : fields) {
      String v = text(n, f);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
  }
}
